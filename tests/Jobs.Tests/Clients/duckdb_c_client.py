"""A DuckDB client that is not ResearchPipeline: Python calling DuckDB's C API (libduckdb) through ctypes.

Usage: duckdb_c_client.py LIBDUCKDB DATABASE SQL [--hold]
Opens DATABASE read-only, prints the first column of every row of SQL, one per line, then "done".
With --hold it keeps the database open, and for every line read from stdin runs SQL again and prints again,
until stdin closes. Errors go to stderr with exit code 1.
"""
import ctypes
import sys


def main():
    lib_path, db_path, sql = sys.argv[1], sys.argv[2], sys.argv[3]
    hold = "--hold" in sys.argv[4:]
    lib = ctypes.CDLL(lib_path)
    lib.duckdb_value_varchar.restype = ctypes.c_void_p
    lib.duckdb_row_count.restype = ctypes.c_uint64
    lib.duckdb_result_error.restype = ctypes.c_char_p

    config = ctypes.c_void_p()
    if lib.duckdb_create_config(ctypes.byref(config)) != 0:
        fail("cannot create config")
    lib.duckdb_set_config(config, b"access_mode", b"READ_ONLY")
    db = ctypes.c_void_p()
    error = ctypes.c_char_p()
    if lib.duckdb_open_ext(db_path.encode(), ctypes.byref(db), config, ctypes.byref(error)) != 0:
        fail("open failed: " + (error.value or b"").decode())
    con = ctypes.c_void_p()
    if lib.duckdb_connect(db, ctypes.byref(con)) != 0:
        fail("connect failed")

    def run():
        result = ctypes.create_string_buffer(256)  # duckdb_result is 48 bytes; leave room
        if lib.duckdb_query(con, sql.encode(), result) != 0:
            fail("query failed: " + (lib.duckdb_result_error(result) or b"").decode())
        for row in range(lib.duckdb_row_count(result)):
            ptr = lib.duckdb_value_varchar(result, 0, ctypes.c_uint64(row))
            print(ctypes.string_at(ptr).decode() if ptr else "NULL")
            lib.duckdb_free(ctypes.c_void_p(ptr))
        lib.duckdb_destroy_result(result)
        print("done", flush=True)

    run()
    if hold:
        for _ in sys.stdin:
            run()
    lib.duckdb_disconnect(ctypes.byref(con))
    lib.duckdb_close(ctypes.byref(db))


def fail(message):
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)


if __name__ == "__main__":
    main()
