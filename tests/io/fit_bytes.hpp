// FIT bytes for the tests and benchmarks: a file read whole, little-endian fields, and data
// messages wrapped into a FIT file by the protocol layout (14-byte header with its CRC, the
// data, the file CRC).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "strideload/io/fit.hpp"

namespace test {

/// @brief The bytes of a file; std::runtime_error when it cannot be opened.
inline std::vector<std::uint8_t> file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// @brief Appends the low @p bytes bytes of @p value, least significant first.
inline void put_le(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

/// @brief A FIT file holding @p data (definition and data messages): header size 14, protocol
/// 2.0 (0x20), profile version 2056, the data size, ".FIT", the header CRC, the data, and the
/// CRC of everything before it.
inline std::vector<std::uint8_t> fit_file(const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> out{14, 0x20, 0x08, 0x08};
    out.reserve(14 + data.size() + 2);
    put_le(out, data.size(), 4);
    out.insert(out.end(), {'.', 'F', 'I', 'T'});
    put_le(out, strideload::io::fit_crc16(out), 2);
    out.insert(out.end(), data.begin(), data.end());
    put_le(out, strideload::io::fit_crc16(out), 2);
    return out;
}

}  // namespace test
