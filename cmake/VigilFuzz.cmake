# vigil_fuzz_target(NAME LIBRARIES...): tests/fuzz/fuzz_NAME.cpp, a libFuzzer target.
#
# In the fuzz tree (preset `fuzz`, VIGIL_FUZZ=ON, clang) it builds the target, linked with
# -fsanitize=fuzzer,address,undefined, as build/fuzz/fuzz_NAME. In the test tree (asan) it
# registers the CTest test fuzz_NAME, which runs that binary over its seeds
# (build/fuzz/seeds/NAME, written at build time by fuzz_seed_writer) and its regression corpus
# (tests/fuzz/regressions/NAME), then fuzzes for VIGIL_FUZZ_SECONDS. A target sees the whole
# source tree, so it can include a parser's internal header (exam/src/...).
set(VIGIL_FUZZ_SECONDS 10 CACHE STRING "How long each fuzz test fuzzes after its corpus")
set(VIGIL_FUZZ_BUILD_DIR ${PROJECT_SOURCE_DIR}/build/fuzz CACHE PATH
    "The fuzz tree whose targets the fuzz tests run (cmake --preset fuzz)")

function(vigil_fuzz_target name)
    if(VIGIL_FUZZ)
        add_executable(fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_${name}.cpp)
        target_link_libraries(fuzz_${name} PRIVATE ${ARGN})
        target_include_directories(fuzz_${name} PRIVATE ${PROJECT_SOURCE_DIR})
        target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
        set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                                                      ${CMAKE_BINARY_DIR})
        vigil_strict_warnings(fuzz_${name})
    elseif(VIGIL_BUILD_TESTS)
        add_test(NAME fuzz_${name}
                 COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/run_fuzz_target.sh
                         ${VIGIL_FUZZ_BUILD_DIR}/fuzz_${name} ${VIGIL_FUZZ_SECONDS}
                         ${CMAKE_BINARY_DIR}/fuzz-runs/${name}
                         ${VIGIL_FUZZ_BUILD_DIR}/seeds/${name}
                         ${PROJECT_SOURCE_DIR}/tests/fuzz/regressions/${name})
        math(EXPR timeout "${VIGIL_FUZZ_SECONDS} + 240")
        set_tests_properties(fuzz_${name} PROPERTIES
            ENVIRONMENT "${VIGIL_TEST_ENVIRONMENT}" TIMEOUT ${timeout} LABELS fuzz)
    endif()
endfunction()
