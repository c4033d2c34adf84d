// FIT decoder (read_fit, decode_fit), written from the public FIT protocol description.
//
// Speed: each definition message is compiled once into a plan — for every field this decoder
// wants, its byte offset in the data message, how to read it (a fast path for the little-endian
// integer types watches write), its destination slot, scale and offset — so a data message costs
// a handful of loads from the byte buffer and no allocation. Each definition keeps its own slot
// array, NaN-filled once when it is defined: the planned fields overwrite their slots in every
// message, so only the slots the packed compressed_speed_distance may leave alone are reset per
// message. Record columns are sized once from the bytes left and written by index.
#include "strideload/io/fit.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>
#include <utility>

namespace strideload::io {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// CRC-16/ARC, slicing by 8: table[k][b] is the CRC of byte b followed by k zero bytes.
struct CrcTables {
    std::array<std::array<std::uint16_t, 256>, 8> t{};
    constexpr CrcTables() {
        for (unsigned b = 0; b < 256; ++b) {
            unsigned crc = b;
            for (int i = 0; i < 8; ++i) crc = (crc & 1U) ? (crc >> 1) ^ 0xA001U : crc >> 1;
            t[0][b] = static_cast<std::uint16_t>(crc);
        }
        for (unsigned b = 0; b < 256; ++b)
            for (std::size_t k = 1; k < 8; ++k)
                t[k][b] =
                    static_cast<std::uint16_t>((t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xFFU]);
    }
};
constexpr CrcTables crc_tables{};

// Base types of the FIT protocol (low 5 bits of the base type byte).
enum BaseType : std::uint8_t {
    enum_ = 0x00,
    sint8 = 0x01,
    uint8 = 0x02,
    sint16 = 0x03,
    uint16 = 0x04,
    sint32 = 0x05,
    uint32 = 0x06,
    string = 0x07,
    float32 = 0x08,
    float64 = 0x09,
    uint8z = 0x0A,
    uint16z = 0x0B,
    uint32z = 0x0C,
    byte = 0x0D,
    sint64 = 0x0E,
    uint64 = 0x0F,
    uint64z = 0x10,
};

constexpr std::size_t base_size(std::uint8_t base) noexcept {
    switch (base) {
        case sint16:
        case uint16:
        case uint16z:
            return 2;
        case sint32:
        case uint32:
        case uint32z:
        case float32:
            return 4;
        case float64:
        case sint64:
        case uint64:
        case uint64z:
            return 8;
        default:
            return 1;
    }
}

template <class T>
T load(const std::uint8_t* p, bool big_endian) noexcept {
    T v;
    std::memcpy(&v, p, sizeof v);
    if (big_endian != (std::endian::native == std::endian::big)) {
        if constexpr (sizeof(T) == 2)
            v = std::bit_cast<T>(__builtin_bswap16(std::bit_cast<std::uint16_t>(v)));
        if constexpr (sizeof(T) == 4)
            v = std::bit_cast<T>(__builtin_bswap32(std::bit_cast<std::uint32_t>(v)));
        if constexpr (sizeof(T) == 8)
            v = std::bit_cast<T>(__builtin_bswap64(std::bit_cast<std::uint64_t>(v)));
    }
    return v;
}

// One numeric value of base type @p base at @p p, NaN when it is the type's invalid sentinel.
double read_value(std::uint8_t base, const std::uint8_t* p, bool be) noexcept {
    switch (base) {
        case enum_:
        case uint8:
        case byte:
            return *p == 0xFF ? nan : *p;
        case uint8z:
            return *p == 0 ? nan : *p;
        case sint8: {
            const auto v = static_cast<std::int8_t>(*p);
            return v == 0x7F ? nan : v;
        }
        case uint16: {
            const auto v = load<std::uint16_t>(p, be);
            return v == 0xFFFF ? nan : v;
        }
        case uint16z: {
            const auto v = load<std::uint16_t>(p, be);
            return v == 0 ? nan : v;
        }
        case sint16: {
            const auto v = load<std::int16_t>(p, be);
            return v == 0x7FFF ? nan : v;
        }
        case uint32: {
            const auto v = load<std::uint32_t>(p, be);
            return v == 0xFFFFFFFFU ? nan : v;
        }
        case uint32z: {
            const auto v = load<std::uint32_t>(p, be);
            return v == 0 ? nan : v;
        }
        case sint32: {
            const auto v = load<std::int32_t>(p, be);
            return v == 0x7FFFFFFF ? nan : v;
        }
        case float32: {
            const auto bits = load<std::uint32_t>(p, be);
            return bits == 0xFFFFFFFFU ? nan : static_cast<double>(std::bit_cast<float>(bits));
        }
        case float64: {
            const auto bits = load<std::uint64_t>(p, be);
            return bits == ~std::uint64_t{0} ? nan : std::bit_cast<double>(bits);
        }
        case uint64: {
            const auto v = load<std::uint64_t>(p, be);
            return v == ~std::uint64_t{0} ? nan : static_cast<double>(v);
        }
        case uint64z: {
            const auto v = load<std::uint64_t>(p, be);
            return v == 0 ? nan : static_cast<double>(v);
        }
        case sint64: {
            const auto v = load<std::int64_t>(p, be);
            return v == std::numeric_limits<std::int64_t>::max() ? nan : static_cast<double>(v);
        }
        default:
            return nan;
    }
}

// Global message numbers decoded here.
constexpr std::uint16_t msg_file_id = 0, msg_session = 18, msg_lap = 19, msg_record = 20,
                        msg_event = 21;
constexpr std::uint8_t field_timestamp = 253;

// Destinations of record fields.
enum RecordSlot : std::uint8_t {
    r_timestamp,
    r_lat,
    r_long,
    r_altitude,
    r_heart_rate,
    r_cadence,
    r_distance,
    r_speed,
    r_power,
    r_temperature,
    r_vertical_oscillation,
    r_stance_time_percent,
    r_stance_time,
    r_fractional_cadence,
    r_enhanced_speed,
    r_enhanced_altitude,
    r_vertical_ratio,
    r_stance_time_balance,
    r_step_length,
    r_slots,
    r_compressed_speed_distance = r_slots,  // special: 3 bytes, two packed values
};

// A profile field: number, destination slot, value = raw / scale - offset.
struct ProfileField {
    std::uint8_t number;
    std::uint8_t slot;
    double scale;
    double offset;
};

constexpr double semicircles_per_degree = 2147483648.0 / 180.0;

constexpr ProfileField record_fields[] = {
    {253, r_timestamp, 1, 0},
    {0, r_lat, semicircles_per_degree, 0},
    {1, r_long, semicircles_per_degree, 0},
    {2, r_altitude, 5, 500},
    {3, r_heart_rate, 1, 0},
    {4, r_cadence, 1, 0},
    {5, r_distance, 100, 0},
    {6, r_speed, 1000, 0},
    {7, r_power, 1, 0},
    {8, r_compressed_speed_distance, 1, 0},
    {13, r_temperature, 1, 0},
    {39, r_vertical_oscillation, 10, 0},
    {40, r_stance_time_percent, 100, 0},
    {41, r_stance_time, 10, 0},
    {53, r_fractional_cadence, 128, 0},
    {73, r_enhanced_speed, 1000, 0},
    {78, r_enhanced_altitude, 5, 500},
    {83, r_vertical_ratio, 100, 0},
    {84, r_stance_time_balance, 100, 0},
    {85, r_step_length, 10, 0},
};

enum SessionSlot : std::uint8_t {
    s_timestamp,
    s_start_time,
    s_elapsed,
    s_timer,
    s_distance,
    s_sport,
    s_sub_sport,
    s_slots
};
constexpr ProfileField session_fields[] = {
    {253, s_timestamp, 1, 0}, {2, s_start_time, 1, 0}, {7, s_elapsed, 1000, 0},
    {8, s_timer, 1000, 0},    {9, s_distance, 100, 0}, {5, s_sport, 1, 0},
    {6, s_sub_sport, 1, 0},
};
constexpr ProfileField lap_fields[] = {
    {253, s_timestamp, 1, 0},
    {2, s_start_time, 1, 0},
    {7, s_elapsed, 1000, 0},
    {9, s_distance, 100, 0},
};
enum EventSlot : std::uint8_t { e_timestamp, e_event, e_type, e_data, e_slots };
constexpr ProfileField event_fields[] = {
    {253, e_timestamp, 1, 0}, {0, e_event, 1, 0}, {1, e_type, 1, 0}, {3, e_data, 1, 0}};
enum FileIdSlot : std::uint8_t { f_type, f_manufacturer, f_product, f_serial, f_created, f_slots };
constexpr ProfileField file_id_fields[] = {{0, f_type, 1, 0},
                                           {1, f_manufacturer, 1, 0},
                                           {2, f_product, 1, 0},
                                           {3, f_serial, 1, 0},
                                           {4, f_created, 1, 0}};

constexpr std::size_t max_slots = r_slots + 1;

std::span<const ProfileField> profile_of(std::uint16_t global) noexcept {
    switch (global) {
        case msg_record:
            return record_fields;
        case msg_session:
            return session_fields;
        case msg_lap:
            return lap_fields;
        case msg_event:
            return event_fields;
        case msg_file_id:
            return file_id_fields;
        default:
            return {};
    }
}

// How a planned field is read: the little-endian integer types watches write take a fast path
// without the base-type switch; everything else goes through read_value.
enum class Read : std::uint8_t { u8, u16, u32, s32, generic, packed_speed_distance };

Read read_kind(std::uint8_t base, bool big_endian) noexcept {
    if (base == uint8 || base == enum_) return Read::u8;
    if (big_endian) return Read::generic;
    switch (base) {
        case uint16:
            return Read::u16;
        case uint32:
            return Read::u32;
        case sint32:
            return Read::s32;
        default:
            return Read::generic;
    }
}

// A field of a definition that is decoded: where it is, how to read it and where it goes.
struct PlannedField {
    std::uint32_t offset;
    std::uint8_t base;
    Read read;
    std::uint8_t slot;
    bool scaled;  // scale != 1 or offset != 0
    double scale;
    double offset_value;
};

// The value of planned field @p f at @p p, NaN when invalid, scale and offset applied.
double planned_value(const PlannedField& f, const std::uint8_t* p, bool be) noexcept {
    double v;
    switch (f.read) {
        case Read::u8:
            v = *p == 0xFF ? nan : *p;
            break;
        case Read::u16: {
            const auto x = load<std::uint16_t>(p, false);
            v = x == 0xFFFF ? nan : x;
            break;
        }
        case Read::u32: {
            const auto x = load<std::uint32_t>(p, false);
            v = x == 0xFFFFFFFFU ? nan : x;
            break;
        }
        case Read::s32: {
            const auto x = load<std::int32_t>(p, false);
            v = x == 0x7FFFFFFF ? nan : x;
            break;
        }
        default:
            v = read_value(f.base, p, be);
            break;
    }
    return f.scaled ? v / f.scale - f.offset_value : v;
}

struct Definition {
    bool defined = false;
    bool big_endian = false;
    bool known = false;
    std::uint16_t global = 0;
    std::uint32_t size = 0;  // bytes of the data message after its header
    std::int64_t timestamp_offset = -1;
    std::uint8_t timestamp_base = uint32;
    bool packed_speed_distance = false;  // a record with compressed_speed_distance
    std::vector<PlannedField> fields;
    std::array<double, max_slots> values;  // slots of the message being decoded
};

const char* const sport_names[] = {
    "generic",
    "running",
    "cycling",
    "transition",
    "fitness_equipment",
    "swimming",
    "basketball",
    "soccer",
    "tennis",
    "american_football",
    "training",
    "walking",
    "cross_country_skiing",
    "alpine_skiing",
    "snowboarding",
    "rowing",
    "mountaineering",
    "hiking",
    "multisport",
    "paddling",
};
const char* const sub_sport_names[] = {
    "generic",    "treadmill",      "street",       "trail",         "track",
    "spin",       "indoor_cycling", "road",         "mountain",      "downhill",
    "recumbent",  "cyclocross",     "hand_cycling", "track_cycling", "indoor_rowing",
    "elliptical", "stair_climbing", "lap_swimming", "open_water",
};

// An enum or id field is a whole number in [0, INT_MAX]. A value that is not (a float or signed
// base type, or a wider type than the profile's) is no value of the profile: it reads as absent,
// and is never cast (a double outside the target's range is undefined behaviour).
bool enum_value(double value) noexcept {
    return value >= 0 && value <= std::numeric_limits<int>::max() && value == std::floor(value);
}

template <std::size_t N>
std::string enum_name(double value, const char* const (&names)[N], const char* prefix) {
    if (!enum_value(value)) return "";
    const auto n = static_cast<std::size_t>(value);
    if (n < N) return names[n];
    return std::string(prefix) + std::to_string(n);
}

int enum_int(double value) noexcept { return enum_value(value) ? static_cast<int>(value) : -1; }

class Decoder {
  public:
    Decoder(std::span<const std::uint8_t> bytes, std::string_view name, const FitOptions& options)
        : bytes_(bytes), name_(name), prefix_(options.keep_valid_prefix) {}

    FitFile run() {
        std::size_t start = 0;
        try {
            // Inside the try: a Damage must never leave the decoder (it is no FileError).
            if (bytes_.empty()) fail(0, "empty file, not a FIT file");
            while (start < bytes_.size()) {
                start = decode_one(start);
                ++out_.files;
            }
        } catch (const Damage& damage) {
            if (!prefix_)
                throw FileError(std::filesystem::path(std::string(name_)), 0,
                                "byte " + std::to_string(damage.byte) + ": " + damage.reason);
            out_.dropped.push_back(
                {damage.byte, "byte " + std::to_string(damage.byte) + ": " + damage.reason +
                                  "; dropped bytes " + std::to_string(message_start_) + "–" +
                                  std::to_string(bytes_.size()) + " (" +
                                  std::to_string(bytes_.size() - message_start_) + " bytes)"});
            if (message_start_ > start) ++out_.files;  // the damaged file gave some messages
        }
        trim_records();
        return std::move(out_);
    }

  private:
    struct Damage {
        std::size_t byte;
        std::string reason;
    };
    [[noreturn]] void fail(std::size_t byte, const std::string& reason) const {
        throw Damage{byte, reason};
    }

    // Decodes the FIT file starting at @p start; returns the offset just past its CRC.
    std::size_t decode_one(std::size_t start) {
        const std::size_t available = bytes_.size() - start;
        if (available < 12)
            fail(start, "file truncated: " + std::to_string(available) +
                            " bytes left, a FIT header needs at least 12");
        const std::uint8_t* h = bytes_.data() + start;
        const std::size_t header_size = h[0];
        if (header_size < 12)
            fail(start, "bad FIT header size " + std::to_string(header_size) + " (12 or 14)");
        if (std::memcmp(h + 8, ".FIT", 4) != 0) fail(start + 8, "missing \".FIT\" signature");
        if (available < header_size)
            fail(bytes_.size(),
                 "file truncated inside the " + std::to_string(header_size) + "-byte FIT header");
        if (header_size >= 14) {
            const auto stored = load<std::uint16_t>(h + 12, false);
            if (stored != 0 && stored != fit_crc16({h, 12}))
                fail(start + 12, "header CRC mismatch");
        }
        const std::size_t data_size = load<std::uint32_t>(h + 4, false);
        const std::size_t end = start + header_size + data_size;  // first CRC byte
        message_start_ = start;
        if (end + 2 > bytes_.size()) {
            const std::string reason = "file truncated: the header declares " +
                                       std::to_string(data_size) +
                                       " data bytes + 2 CRC bytes, the file ends " +
                                       std::to_string(end + 2 - bytes_.size()) + " bytes early";
            if (!prefix_) fail(bytes_.size(), reason);
            // Decode the whole messages present; the first cut one ends the prefix.
            truncated_reason_ = reason;
            truncated_ = true;
        } else if (fit_crc16({h, end + 2 - start}) != 0) {
            if (!prefix_) fail(end, "file CRC mismatch (damaged contents)");
            out_.dropped.push_back({end, "byte " + std::to_string(end) +
                                             ": file CRC mismatch: nothing dropped, but the "
                                             "contents may be damaged"});
        }
        const std::size_t data_end = std::min(end, bytes_.size());  // a cut CRC is not data

        for (auto& d : definitions_) d = Definition{};
        have_timestamp_ = false;
        distance_accumulator_ = -1;
        last_record_time_ = -std::numeric_limits<double>::infinity();
        std::size_t pos = start + header_size;
        message_start_ = pos;
        while (pos < data_end) {
            pos = message(pos, data_end);
            message_start_ = pos;
        }
        if (truncated_) fail(bytes_.size(), truncated_reason_);
        return end + 2;
    }

    std::size_t message(std::size_t pos, std::size_t end) {
        const std::uint8_t header = bytes_[pos];
        if (header & 0x80U) {  // compressed timestamp header: always a data message
            const std::uint8_t local = (header >> 5) & 0x03U;
            const std::uint32_t offset = header & 0x1FU;
            if (!have_timestamp_)
                fail(pos, "compressed timestamp header before any full timestamp");
            std::uint32_t ts = (last_timestamp_ & ~0x1FU) + offset;
            if (offset < (last_timestamp_ & 0x1FU)) ts += 0x20U;
            last_timestamp_ = ts;
            return data(pos, end, local, static_cast<double>(ts));
        }
        const std::uint8_t local = header & 0x0FU;
        if (header & 0x40U) return definition(pos, end, local, (header & 0x20U) != 0);
        return data(pos, end, local, nan);
    }

    std::size_t definition(std::size_t pos, std::size_t end, std::uint8_t local, bool dev) {
        if (pos + 6 > end) fail(pos, "definition message truncated");
        const std::uint8_t* p = bytes_.data() + pos;
        Definition d;
        d.defined = true;
        if (p[2] > 1) fail(pos + 2, "bad architecture byte " + std::to_string(p[2]));
        d.big_endian = p[2] == 1;
        d.global = load<std::uint16_t>(p + 3, d.big_endian);
        const std::size_t n = p[5];
        std::size_t q = pos + 6;
        if (q + 3 * n > end) fail(pos, "definition message truncated");
        const auto profile = profile_of(d.global);
        d.known = !profile.empty();
        std::uint32_t offset = 0;
        for (std::size_t i = 0; i < n; ++i, q += 3) {
            const std::uint8_t number = bytes_[q];
            const std::uint8_t size = bytes_[q + 1];
            const std::uint8_t base = bytes_[q + 2] & 0x1FU;
            if (number == field_timestamp && size == 4 && (base == uint32 || base == uint32z)) {
                d.timestamp_offset = offset;
                d.timestamp_base = base;
            }
            for (const ProfileField& f : profile) {
                if (f.number != number) continue;
                const bool packed =
                    f.slot == r_compressed_speed_distance && d.global == msg_record && size == 3;
                // An array or a size that disagrees with the base type is not a value we know
                // how to read: left out, never guessed.
                if (packed || (base <= uint64z && base != string && size == base_size(base))) {
                    const Read read =
                        packed ? Read::packed_speed_distance : read_kind(base, d.big_endian);
                    d.fields.push_back({offset, base, read, f.slot, f.scale != 1 || f.offset != 0,
                                        f.scale, f.offset});
                    d.packed_speed_distance = d.packed_speed_distance || packed;
                }
            }
            offset += size;
        }
        if (dev) {
            if (q + 1 > end) fail(pos, "definition message truncated");
            const std::size_t m = bytes_[q++];
            if (q + 3 * m > end) fail(pos, "definition message truncated");
            for (std::size_t i = 0; i < m; ++i, q += 3) offset += bytes_[q + 1];
            developer_fields_[local] = m;
        } else {
            developer_fields_[local] = 0;
        }
        d.size = offset;
        d.values.fill(nan);
        definitions_[local] = std::move(d);
        return q;
    }

    std::size_t data(std::size_t pos, std::size_t end, std::uint8_t local, double header_time) {
        Definition& d = definitions_[local];
        if (!d.defined)
            fail(pos, "data message of local type " + std::to_string(local) + " has no definition");
        const std::size_t body = pos + 1;
        if (body + d.size > end)
            fail(pos, "data message truncated (needs " + std::to_string(d.size) +
                          " bytes, the data ends at byte " + std::to_string(end) + ")");
        const std::uint8_t* p = bytes_.data() + body;
        ++out_.messages;
        out_.developer_fields += developer_fields_[local];
        double timestamp = header_time;
        if (d.timestamp_offset >= 0) {
            const double t = read_value(d.timestamp_base, p + d.timestamp_offset, d.big_endian);
            if (!std::isnan(t)) {
                last_timestamp_ = static_cast<std::uint32_t>(t);
                have_timestamp_ = true;
                timestamp = t;
            }
        }
        if (!d.known) {
            ++out_.unknown_messages;
            return body + d.size;
        }
        // Slots outside the plan stay NaN from the definition; the planned ones are overwritten
        // here, except those compressed_speed_distance leaves alone when invalid.
        std::array<double, max_slots>& v = d.values;
        if (d.packed_speed_distance) v[r_speed] = v[r_distance] = nan;
        for (const PlannedField& f : d.fields) {
            if (f.read == Read::packed_speed_distance)
                compressed_speed_distance(p + f.offset, v);
            else
                v[f.slot] = planned_value(f, p + f.offset, d.big_endian);
        }
        switch (d.global) {
            case msg_record:
                record(pos, d.size, v, timestamp);
                break;
            case msg_session:
                out_.sessions.push_back({enum_name(v[s_sport], sport_names, "sport_"),
                                         enum_name(v[s_sub_sport], sub_sport_names, "sub_sport_"),
                                         timestamp, v[s_start_time], v[s_elapsed], v[s_timer],
                                         v[s_distance]});
                break;
            case msg_lap:
                out_.laps.push_back({timestamp, v[s_start_time], v[s_elapsed], v[s_distance]});
                break;
            case msg_event:
                out_.events.push_back(
                    {timestamp, enum_int(v[e_event]), enum_int(v[e_type]), v[e_data]});
                break;
            case msg_file_id:
                if (!out_.file_id)
                    out_.file_id = FitFileId{enum_int(v[f_type]), enum_int(v[f_manufacturer]),
                                             enum_int(v[f_product]), v[f_serial], v[f_created]};
                break;
            default:
                break;
        }
        return body + d.size;
    }

    // compressed_speed_distance: 12 bits of speed [1/100 m/s], then the low 12 bits of the
    // accumulated distance [1/16 m], which roll over and are accumulated here.
    void compressed_speed_distance(const std::uint8_t* p, std::array<double, max_slots>& v) {
        if (p[0] == 0xFF && p[1] == 0xFF && p[2] == 0xFF) return;
        const unsigned speed = p[0] | ((p[1] & 0x0FU) << 8);
        const std::int64_t low = (p[1] >> 4) | (p[2] << 4);
        if (distance_accumulator_ < 0)
            distance_accumulator_ = low;
        else
            distance_accumulator_ += (low - distance_accumulator_) & 0xFFF;
        v[r_speed] = static_cast<double>(speed) / 100.0;
        v[r_distance] = static_cast<double>(distance_accumulator_) / 16.0;
    }

    void record(std::size_t pos, std::size_t definition_size,
                const std::array<double, max_slots>& v, double timestamp) {
        if (records_ == capacity_) grow_records(pos, definition_size);
        if (!std::isnan(timestamp)) {
            if (timestamp < last_record_time_)
                fail(pos, "record timestamp " +
                              std::to_string(static_cast<std::uint32_t>(timestamp)) +
                              " is earlier than the previous record's " +
                              std::to_string(static_cast<std::uint32_t>(last_record_time_)));
            last_record_time_ = timestamp;
        }
        double cadence = v[r_cadence];
        if (!std::isnan(v[r_fractional_cadence]) && !std::isnan(cadence))
            cadence += v[r_fractional_cadence];
        const std::size_t i = records_++;
        column_[c_timestamp][i] = timestamp;
        column_[c_lat][i] = v[r_lat];
        column_[c_long][i] = v[r_long];
        column_[c_distance][i] = v[r_distance];
        column_[c_speed][i] = std::isnan(v[r_enhanced_speed]) ? v[r_speed] : v[r_enhanced_speed];
        column_[c_altitude][i] =
            std::isnan(v[r_enhanced_altitude]) ? v[r_altitude] : v[r_enhanced_altitude];
        column_[c_heart_rate][i] = v[r_heart_rate];
        column_[c_cadence][i] = cadence;
        column_[c_stance_time][i] = v[r_stance_time];
        column_[c_stance_time_percent][i] = v[r_stance_time_percent];
        column_[c_stance_time_balance][i] = v[r_stance_time_balance];
        column_[c_vertical_oscillation][i] = v[r_vertical_oscillation];
        column_[c_vertical_ratio][i] = v[r_vertical_ratio];
        column_[c_step_length][i] = v[r_step_length];
        column_[c_power][i] = v[r_power];
        column_[c_temperature][i] = v[r_temperature];
    }

    // The record columns in FitRecords' order.
    enum Column : std::uint8_t {
        c_timestamp,
        c_lat,
        c_long,
        c_distance,
        c_speed,
        c_altitude,
        c_heart_rate,
        c_cadence,
        c_stance_time,
        c_stance_time_percent,
        c_stance_time_balance,
        c_vertical_oscillation,
        c_vertical_ratio,
        c_step_length,
        c_power,
        c_temperature,
        c_columns
    };

    std::array<std::vector<double>*, c_columns> columns() noexcept {
        FitRecords& r = out_.records;
        return {&r.timestamp_s,
                &r.position_lat_deg,
                &r.position_long_deg,
                &r.distance_m,
                &r.speed_m_s,
                &r.altitude_m,
                &r.heart_rate_bpm,
                &r.cadence_rpm,
                &r.stance_time_ms,
                &r.stance_time_percent,
                &r.stance_time_balance_pct,
                &r.vertical_oscillation_mm,
                &r.vertical_ratio_pct,
                &r.step_length_mm,
                &r.power_W,
                &r.temperature_C};
    }

    // Sizes the columns for at least one record per record-sized chunk of the bytes left (the
    // most a file of such records can hold), or twice the current size, whichever is larger.
    void grow_records(std::size_t pos, std::size_t definition_size) {
        const std::size_t left = (bytes_.size() - pos) / (definition_size + 1) + 1;
        capacity_ = std::max(records_ + left, 2 * capacity_);
        const auto cs = columns();
        for (std::size_t c = 0; c < c_columns; ++c) {
            cs[c]->resize(capacity_);
            column_[c] = cs[c]->data();
        }
    }

    // Cuts the columns to the records decoded (no reallocation).
    void trim_records() {
        for (std::vector<double>* c : columns()) c->resize(records_);
    }

    std::span<const std::uint8_t> bytes_;
    std::string_view name_;
    FitFile out_;
    std::array<Definition, 16> definitions_{};
    std::array<std::size_t, 16> developer_fields_{};
    bool prefix_ = false;            // keep_valid_prefix
    std::size_t message_start_ = 0;  // first byte of the message being decoded
    bool truncated_ = false;         // the current file is cut short (prefix mode)
    std::string truncated_reason_;
    std::uint32_t last_timestamp_ = 0;
    bool have_timestamp_ = false;
    std::int64_t distance_accumulator_ = -1;
    double last_record_time_ = -std::numeric_limits<double>::infinity();
    std::size_t records_ = 0;   // records decoded
    std::size_t capacity_ = 0;  // size of every record column
    std::array<double*, c_columns> column_{};
};

}  // namespace

std::uint16_t fit_crc16(std::span<const std::uint8_t> bytes, std::uint16_t crc) noexcept {
    const auto& t = crc_tables.t;
    const std::uint8_t* p = bytes.data();
    std::size_t n = bytes.size();
    unsigned c = crc;
    for (; n >= 8; n -= 8, p += 8) {
        const unsigned lo = c ^ (p[0] | (static_cast<unsigned>(p[1]) << 8));
        c = t[7][lo & 0xFFU] ^ t[6][(lo >> 8) & 0xFFU] ^ t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^
            t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    }
    for (; n > 0; --n, ++p) c = (c >> 8) ^ t[0][(c ^ *p) & 0xFFU];
    return static_cast<std::uint16_t>(c);
}

FitFile decode_fit(std::span<const std::uint8_t> bytes, std::string_view name,
                   const FitOptions& options) {
    return Decoder(bytes, name, options).run();
}

FitFile read_fit(const std::filesystem::path& path, const FitOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::filesystem::filesystem_error("cannot open FIT file", path,
                                                std::error_code(errno, std::generic_category()));
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::filesystem::filesystem_error("cannot read FIT file", path,
                                                std::make_error_code(std::errc::io_error));
    return decode_fit(bytes, path.string(), options);
}

}  // namespace strideload::io
