# Strict warnings for Vigil's own targets; third-party headers come in as SYSTEM.
function(vigil_strict_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wnon-virtual-dtor)
endfunction()

option(VIGIL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(VIGIL_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz tree (preset `fuzz`, tests/fuzz/README.md): clang only, since GCC has no libFuzzer.
# Every library is instrumented for coverage without libFuzzer's main; only the fuzz targets
# link it (-fsanitize=fuzzer, see cmake/VigilFuzz.cmake).
option(VIGIL_FUZZ "Build the parsers' libFuzzer targets (clang) instead of the apps and tests" OFF)
if(VIGIL_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "VIGIL_FUZZ needs clang (libFuzzer): use the fuzz preset")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# LLVM's linker where it is installed (the test command installs it): the test tree links about
# 170 executables against ASan, and lld does each in a third of the time GNU ld takes. Without it
# the default linker is used; the result is the same.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld VIGIL_HAVE_LLD)
if(VIGIL_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
endif()
