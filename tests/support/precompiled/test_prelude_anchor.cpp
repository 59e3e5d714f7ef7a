// The translation unit that carries one test folder's precompiled test_prelude.h; the tests of
// that folder reuse the header it compiles (target_precompile_headers REUSE_FROM).
