#pragma once

// What the seed writers share (seed_writer.cpp, console_seed_writer.cpp): failing with a
// message, reading a fixture, and a target's seed folder, emptied and written anew each build.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace vigil::fuzz {

[[noreturn]] inline void fail(const std::string& why) {
    std::fprintf(stderr, "fuzz seed writer: %s\n", why.c_str());
    std::exit(1);
}

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fail("cannot read " + path.string());
    }
    return {std::istreambuf_iterator<char>(in), {}};
}

class SeedFolder {
public:
    SeedFolder(const std::filesystem::path& root, const std::string& target)
        : folder_(root / target) {
        std::filesystem::remove_all(folder_);
        std::filesystem::create_directories(folder_);
    }
    template <class Bytes> void write(const std::string& name, const Bytes& bytes) {
        std::ofstream out(folder_ / name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            fail("cannot write " + (folder_ / name).string());
        }
    }

private:
    std::filesystem::path folder_;
};

} // namespace vigil::fuzz
