extension CalendarComposer {
    /// A single timed event (zoned, UTC or floating), a meeting or a personal appointment.
    mutating func writeSingleEvent(uid: String, start: EventTime) {
        let draft = makeDraft(uid: uid, start: start, end: start.adding(seconds: randomDuration()), isMeeting: random.chance(0.7))
        write(draft)
    }

    /// An all-day event of one day mostly, sometimes several (holidays, conferences).
    mutating func writeAllDayEvent(uid: String) {
        let day = randomDay()
        let length = random.chance(0.7) ? 1 : random.int(in: 2...5)
        var draft = makeDraft(uid: uid, start: .date(day: day), end: .date(day: day + length), isMeeting: random.chance(0.15))
        draft.isTransparent = random.chance(0.8)
        if draft.alarmTrigger != nil { draft.alarmTrigger = "-PT15H" }
        write(draft)
    }

    /// Writes a VEVENT and counts it.
    mutating func write(_ draft: EventDraft) {
        draft.write(flavor: profile.flavor, to: &body)
        components += 1
    }

    /// An event with everything but its recurrence: people, texts, timestamps, alarm.
    mutating func makeDraft(uid: String, start: EventTime, end: EventTime, isMeeting: Bool) -> EventDraft {
        let created = randomCreation(before: start.time)
        var draft = EventDraft(
            uid: uid,
            summary: random.pick(isMeeting ? PhraseCatalog.meetingSummaries : PhraseCatalog.personalSummaries),
            start: start, end: end,
            sequence: random.chance(0.6) ? 0 : random.int(in: 1...4),
            stamp: exportTime, created: created,
            lastModified: created.adding(seconds: random.int(in: 0...(exportTime.seconds - created.seconds)))
        )
        if isMeeting { addMeeting(to: &draft) }
        addTexts(to: &draft, isMeeting: isMeeting)
        draft.classification = randomClassification()
        draft.status = random.chance(0.9) ? "CONFIRMED" : "TENTATIVE"
        draft.alarmTrigger = random.chance(0.6) ? "-PT15M" : nil
        return draft
    }

    /// When an event was created: before it starts and before the export, by up to a season.
    private mutating func randomCreation(before start: CalendarTime) -> CalendarTime {
        let latest = min(start.seconds, exportTime.seconds)
        return CalendarTime(seconds: latest - random.int(in: 3600...(90 * CalendarTime.secondsPerDay)))
    }

    private mutating func randomClassification() -> String {
        let roll = random.int(in: 0...99)
        return roll < 87 ? "PUBLIC" : roll < 97 ? "PRIVATE" : "CONFIDENTIAL"
    }
}
