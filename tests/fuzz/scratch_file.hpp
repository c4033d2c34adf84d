// Shared by the path-taking fuzz targets: the input written to one scratch file per process
// (reused for every input), since read_force_table and read_opensim read a path.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace strideload::fuzz {

/// @brief Writes @p size bytes to this process's scratch file and returns its path.
/// @param suffix file name extension, e.g. ".csv"
inline const std::filesystem::path& scratch_file(const std::uint8_t* data, std::size_t size,
                                                 const char* suffix) {
    static const std::filesystem::path path = [&] {
        std::error_code ec;
        std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
        if (ec) dir = "/tmp";
        return dir / ("strideload-fuzz-" + std::to_string(::getpid()) + suffix);
    }();
    static const bool cleanup = [] {
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove(path, ec);
        });
        return true;
    }();
    (void)cleanup;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || (size > 0 && std::fwrite(data, 1, size, f) != size) ||
        std::fclose(f) != 0) {
        std::perror(path.c_str());
        std::abort();  // the harness itself failed, not the reader
    }
    return path;
}

}  // namespace strideload::fuzz
