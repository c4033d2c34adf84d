# Warnings, speed flags and sanitizers for strideload's own targets only — never on the
# INTERFACE target users link, never global.
function(strideload_own_target target)
    target_compile_options(${target} PRIVATE
        $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion>
        # sqrt must not set errno, or the batch kernels cannot vectorise (detail/kernel.hpp).
        $<$<CXX_COMPILER_ID:GNU,Clang>:-fno-math-errno>)
    if(STRIDELOAD_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                               -fno-sanitize-recover=all -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()
