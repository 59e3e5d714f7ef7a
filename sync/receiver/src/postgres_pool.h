#pragma once

// The PostgreSQL back-end's connections (postgres_store.cpp): a fixed number of libpq
// connections shared by the server's threads, so concurrent requests on one vigil-syncd do not
// wait for each other's round trips. Internal to the receiver; libpq stays in src/.
#include "vigil/receiver/receiver_store.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace vigil::receiver::detail {

struct PgResultDeleter {
    void operator()(PGresult* result) const noexcept;
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// One parameter: text, or bytes sent in binary (bytea), so nothing is escaped by hand.
struct PgParam {
    std::string value;
    bool binary = false;
};

// What a statement does when its connection is lost while it runs. Retry: the connection is
// opened again and the statement sent once more, for a statement whose second run changes
// nothing (a read, an upsert, an insert that does nothing on conflict and whose answer does not
// matter). Fail: StoreUnavailableError, for a statement whose answer would change if the lost
// run had committed (recording a nonce: a second run would call the request a replay).
enum class OnLostConnection { Retry, Fail };

class PostgresPool {
public:
    // Opens the first connection now, so a wrong connection string or a database that is down
    // fails at start-up, and the others when concurrent requests need them. Throws
    // StoreUnavailableError.
    PostgresPool(std::string conninfo, int connections);
    ~PostgresPool();
    PostgresPool(const PostgresPool&) = delete;
    PostgresPool& operator=(const PostgresPool&) = delete;

    // One connection, held by one caller until the lease goes. A connection found broken (the
    // database restarted, the network dropped) is opened again before a statement is sent;
    // while the database cannot be reached every statement throws StoreUnavailableError, and
    // the connection is tried again by the next one.
    class Lease {
    public:
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();

        [[nodiscard]] PgResult run(const char* sql, const std::vector<PgParam>& params = {},
                                   OnLostConnection onLost = OnLostConnection::Retry);
        // Several statements in one string, no parameters (the schema).
        [[nodiscard]] PgResult runScript(const char* sql);

    private:
        friend class PostgresPool;
        Lease(PostgresPool& pool, PGconn* connection);
        void reconnect();

        PostgresPool* pool_;
        PGconn* connection_;
    };

    // Waits for a free connection when every one is leased.
    [[nodiscard]] Lease lease();

    [[nodiscard]] int size() const { return size_; }

private:
    void giveBack(PGconn* connection);
    PGconn* open();

    const std::string conninfo_;
    const int size_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<PGconn*> idle_;
    int opened_ = 0; // leased or idle
};

// "PostgreSQL: " and libpq's message without its trailing newline.
[[nodiscard]] std::string errorOf(PGconn* connection);

} // namespace vigil::receiver::detail
