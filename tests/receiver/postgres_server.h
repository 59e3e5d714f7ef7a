#pragma once

// A private PostgreSQL server for a test: initdb and pg_ctl (Debian's postgresql package) on a
// temporary folder and a free loopback port, trust authentication for the user "vigil",
// stopped and removed when the object goes. PostgreSQL refuses to run as root, so as root the
// server runs as the package's "postgres" user (runuser), which owns the folder. fsync is off: a
// test's data need not survive a power cut, and the suite runs faster (a benchmark asks for
// Durable: PostgreSQL's defaults, each commit flushed).
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace vigil::testing {

class PostgresServer {
public:
    static constexpr const char* kBinaries = "/usr/lib/postgresql/15/bin";

    enum class Durability { FsyncOff, Durable };

    // Throws std::runtime_error with the tools' output when the server cannot be started.
    explicit PostgresServer(Durability durability = Durability::FsyncOff)
        : durability_(durability) {
        if (!dir_.isValid()) {
            throw std::runtime_error("cannot create a folder for PostgreSQL");
        }
        dir_.setAutoRemove(true);
        if (::geteuid() == 0) {
            const passwd* user = ::getpwnam("postgres");
            if (user == nullptr ||
                ::chown(dir_.path().toLocal8Bit().constData(), user->pw_uid, user->pw_gid) != 0) {
                throw std::runtime_error("running as root needs the 'postgres' user");
            }
            runAs_ = "postgres";
        }
        tool("initdb", {"-D", dataDir(), "-A", "trust", "-U", "vigil", "--no-sync", "-E", "UTF8"});
        // Another test may take the free port found before the server binds it: try anew.
        for (int attempt = 1;; ++attempt) {
            port_ = freeLoopbackPort();
            try {
                start();
                break;
            } catch (const std::runtime_error&) {
                if (attempt == 3) {
                    throw;
                }
            }
        }
    }

    // Stops the server as an administrator would (`pg_ctl -m fast stop`: open connections are
    // told to go); start() brings it back on the same port with the same data.
    void stop() {
        tool("pg_ctl", {"-D", dataDir(), "-m", "fast", "-w", "stop"});
        started_ = false;
    }
    void start() {
        tool("pg_ctl", {"-D", dataDir(), "-l", dir_.filePath("server.log"), "-w", "-o",
                        QString("-k %1 -p %2 -c listen_addresses=127.0.0.1 -c fsync=%3")
                            .arg(dir_.path())
                            .arg(port_)
                            .arg(durability_ == Durability::Durable ? "on" : "off"),
                        "start"});
        started_ = true;
    }

    ~PostgresServer() {
        if (started_) {
            try {
                tool("pg_ctl", {"-D", dataDir(), "-m", "immediate", "-w", "stop"});
            } catch (...) { // the folder goes anyway
            }
        }
    }

    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string conninfo(const std::string& database = "postgres") const {
        return "host=127.0.0.1 port=" + std::to_string(port_) + " user=vigil dbname=" + database +
               " connect_timeout=5";
    }

    // A new empty database on this server; its connection string.
    [[nodiscard]] std::string freshDatabase() {
        const auto name = "receiver_" + std::to_string(++databases_);
        PGconn* connection = PQconnectdb(conninfo().c_str());
        PGresult* result = PQexec(connection, ("CREATE DATABASE " + name).c_str());
        const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        const std::string error = PQerrorMessage(connection);
        PQclear(result);
        PQfinish(connection);
        if (!ok) {
            throw std::runtime_error("CREATE DATABASE failed: " + error);
        }
        return conninfo(name);
    }

private:
    QString dataDir() const { return dir_.filePath("data"); }

    static int freeLoopbackPort() {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            ::close(fd);
            throw std::runtime_error("no free loopback port");
        }
        ::close(fd);
        return ntohs(address.sin_port);
    }

    void tool(const QString& name, QStringList arguments) const {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        const QString binary = QString(kBinaries) + "/" + name;
        if (runAs_.isEmpty()) {
            process.start(binary, arguments);
        } else {
            arguments.prepend(binary);
            arguments.prepend("--");
            arguments.prepend(runAs_);
            arguments.prepend("-u");
            process.start("runuser", arguments);
        }
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
            process.exitCode() != 0) {
            throw std::runtime_error(name.toStdString() +
                                     " failed: " + process.readAll().toStdString());
        }
    }

    QTemporaryDir dir_{QDir::tempPath() + "/vigil-pg-XXXXXX"};
    Durability durability_;
    QString runAs_;
    int port_ = 0;
    bool started_ = false;
    int databases_ = 0;
};

} // namespace vigil::testing
