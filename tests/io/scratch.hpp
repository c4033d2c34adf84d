// A scratch directory for the files the io tests write, removed when the test binary exits.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace test {

struct Scratch {
    std::filesystem::path dir;
    explicit Scratch(const std::string& prefix)
        : dir(std::filesystem::temp_directory_path() /
              (prefix + std::to_string(static_cast<long>(::getpid())))) {
        std::filesystem::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    /// @brief Writes @p text (bytes as given) to @p name in the directory; returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const std::filesystem::path path = dir / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
};

}  // namespace test
