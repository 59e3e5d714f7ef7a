#include "postgres_pool.h"

#include <algorithm>
#include <libpq-fe.h>
#include <utility>

namespace vigil::receiver::detail {

void PgResultDeleter::operator()(PGresult* result) const noexcept {
    PQclear(result);
}

std::string errorOf(PGconn* connection) {
    std::string message = PQerrorMessage(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return "PostgreSQL: " + message;
}

namespace {

std::string unreachable(PGconn* connection) {
    return errorOf(connection) + " (the database cannot be reached; send again later)";
}

bool succeeded(const PgResult& result) {
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

} // namespace

PostgresPool::PostgresPool(std::string conninfo, int connections)
    : conninfo_(std::move(conninfo))
    , size_(std::max(1, connections)) {
    idle_.push_back(open());
    opened_ = 1;
}

PostgresPool::~PostgresPool() {
    for (auto* connection : idle_) {
        PQfinish(connection);
    }
}

PGconn* PostgresPool::open() {
    PGconn* connection = PQconnectdb(conninfo_.c_str());
    if (connection == nullptr) {
        throw StoreUnavailableError("PostgreSQL: out of memory");
    }
    if (PQstatus(connection) != CONNECTION_OK) {
        const auto message = unreachable(connection);
        PQfinish(connection);
        throw StoreUnavailableError(message);
    }
    // "relation already exists, skipping" and the like are not for the service's log; the
    // processor stays with the connection across PQreset.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    return connection;
}

PostgresPool::Lease PostgresPool::lease() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
    if (!idle_.empty()) {
        auto* connection = idle_.back();
        idle_.pop_back();
        return Lease(*this, connection);
    }
    ++opened_; // the slot is this caller's while it connects, outside the lock
    lock.unlock();
    try {
        return Lease(*this, open());
    } catch (...) {
        lock.lock();
        --opened_;
        freed_.notify_one();
        throw;
    }
}

void PostgresPool::giveBack(PGconn* connection) {
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(connection);
    }
    freed_.notify_one();
}

PostgresPool::Lease::Lease(PostgresPool& pool, PGconn* connection)
    : pool_(&pool)
    , connection_(connection) {}

PostgresPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_)
    , connection_(std::exchange(other.connection_, nullptr)) {}

PostgresPool::Lease::~Lease() {
    if (connection_ != nullptr) {
        pool_->giveBack(connection_);
    }
}

void PostgresPool::Lease::reconnect() {
    PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) {
        throw StoreUnavailableError(unreachable(connection_));
    }
}

PgResult PostgresPool::Lease::run(const char* sql, const std::vector<PgParam>& params,
                                  OnLostConnection onLost) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const auto& param : params) {
        values.push_back(param.value.data());
        lengths.push_back(static_cast<int>(param.value.size()));
        formats.push_back(param.binary ? 1 : 0);
    }
    if (PQstatus(connection_) == CONNECTION_BAD) {
        reconnect(); // lost by an earlier statement: nothing of this one was sent
    }
    for (int attempt = 0;; ++attempt) {
        PgResult result(PQexecParams(connection_, sql, static_cast<int>(params.size()), nullptr,
                                     values.data(), lengths.data(), formats.data(), 0));
        if (succeeded(result)) {
            return result;
        }
        if (PQstatus(connection_) != CONNECTION_BAD) {
            throw StoreUnavailableError(errorOf(connection_)); // the statement failed
        }
        if (attempt > 0 || onLost == OnLostConnection::Fail) {
            throw StoreUnavailableError(unreachable(connection_));
        }
        reconnect();
    }
}

PgResult PostgresPool::Lease::runScript(const char* sql) {
    PgResult result(PQexec(connection_, sql));
    if (!succeeded(result)) {
        throw StoreUnavailableError(errorOf(connection_));
    }
    return result;
}

} // namespace vigil::receiver::detail
