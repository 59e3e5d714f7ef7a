#include "vigil/lockdown/process_deny_list.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace vigil::lockdown {
namespace {

// The kernel keeps at most this many characters of a process name (TASK_COMM_LEN - 1).
constexpr qsizetype kShortNameLength = 15;

QStringList normalised(QStringList names) {
    for (QString& name : names)
        name = name.toLower();
    names.sort();
    names.removeDuplicates();
    return names;
}

QString firstArgumentFileName(const QString& commandLine) {
    const QString first = commandLine.section(QLatin1Char(' '), 0, 0);
    return QFileInfo(first).fileName().toLower();
}

} // namespace

ProcessDenyList::ProcessDenyList(QStringList names)
    : names_(normalised(std::move(names))) {}

ProcessDenyList ProcessDenyList::builtIn() {
    return ProcessDenyList({
        // Remote desktop and remote control.
        QStringLiteral("anydesk"),
        QStringLiteral("teamviewer"),
        QStringLiteral("teamviewerd"),
        QStringLiteral("TeamViewer_Desk"),
        QStringLiteral("x11vnc"),
        QStringLiteral("vncserver"),
        QStringLiteral("Xvnc"),
        QStringLiteral("Xtigervnc"),
        QStringLiteral("wayvnc"),
        QStringLiteral("krfb"),
        QStringLiteral("vino-server"),
        QStringLiteral("gnome-remote-desktop-daemon"),
        QStringLiteral("xrdp"),
        QStringLiteral("rustdesk"),
        QStringLiteral("remmina"),
        QStringLiteral("chrome-remote-desktop"),
        QStringLiteral("nomachine"),
        QStringLiteral("nxserver"),
        QStringLiteral("nxnode"),
        QStringLiteral("dwagent"),
        QStringLiteral("splashtop"),
        // Screen recording and streaming.
        QStringLiteral("obs"),
        QStringLiteral("simplescreenrecorder"),
        QStringLiteral("kazam"),
        QStringLiteral("vokoscreen"),
        QStringLiteral("vokoscreenNG"),
        QStringLiteral("recordmydesktop"),
        QStringLiteral("peek"),
        QStringLiteral("kooha"),
        QStringLiteral("wf-recorder"),
        QStringLiteral("wl-screenrec"),
        QStringLiteral("grim"),
        QStringLiteral("spectacle"),
        QStringLiteral("flameshot"),
        QStringLiteral("shutter"),
        QStringLiteral("gnome-screenshot"),
        QStringLiteral("ffmpeg"),
        // Messaging and meetings.
        QStringLiteral("discord"),
        QStringLiteral("slack"),
        QStringLiteral("zoom"),
        QStringLiteral("skype"),
        QStringLiteral("skypeforlinux"),
        QStringLiteral("teams"),
        QStringLiteral("teams-for-linux"),
        QStringLiteral("telegram-desktop"),
        QStringLiteral("signal-desktop"),
        QStringLiteral("whatsapp"),
        QStringLiteral("element-desktop"),
        QStringLiteral("pidgin"),
    });
}

DenyListParseResult ProcessDenyList::parse(const QString& text, const ProcessDenyList& base) {
    QStringList names = base.names_;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QString line = lines[index].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const bool allow = line.startsWith(QLatin1Char('!'));
        if (allow)
            line = line.mid(1).trimmed();
        const auto fail = [&](const QString& why) {
            return DenyListParseResult{std::nullopt,
                                       QStringLiteral("line %1: %2").arg(index + 1).arg(why)};
        };
        if (line.isEmpty())
            return fail(QStringLiteral("'!' must be followed by a program name"));
        if (line.contains(QLatin1Char('/')))
            return fail(QStringLiteral("'%1' is a path; write the program name only").arg(line));
        if (std::any_of(line.begin(), line.end(), [](QChar c) { return c.isSpace(); }))
            return fail(
                QStringLiteral("'%1' holds a space; write one program name per line").arg(line));
        if (allow)
            names.removeAll(line.toLower());
        else
            names.append(line);
    }
    return DenyListParseResult{ProcessDenyList(names), {}};
}

DenyListParseResult ProcessDenyList::loadFile(const QString& path, const ProcessDenyList& base) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return DenyListParseResult{std::nullopt,
                                   QStringLiteral("cannot read the denied-programs list "
                                                  "%1: %2")
                                       .arg(path, file.errorString())};
    DenyListParseResult result = parse(QString::fromUtf8(file.readAll()), base);
    if (!result.error.isEmpty())
        result.error = path + QStringLiteral(", ") + result.error;
    return result;
}

std::optional<QString> ProcessDenyList::match(const ProcessInfo& process) const {
    const QString shortName = process.name.toLower();
    const QString argumentName = firstArgumentFileName(process.commandLine);
    for (const QString& name : names_) {
        if (shortName == name || argumentName == name)
            return name;
        // The kernel cut the name: "simplescreenrec" stands for "simplescreenrecorder".
        if (name.size() > kShortNameLength && shortName.size() == kShortNameLength &&
            name.startsWith(shortName))
            return name;
    }
    return std::nullopt;
}

} // namespace vigil::lockdown
