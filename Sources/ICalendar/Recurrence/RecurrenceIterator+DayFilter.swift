extension RecurrenceIterator {
    /// Whether `day` passes the day-level `BY…` parts (`BYMONTH`, `BYWEEKNO`, `BYYEARDAY`,
    /// `BYMONTHDAY`, `BYDAY` with ordinals counted in the month or the year as RFC 5545 says).
    func dayMatches(_ day: Int) -> Bool {
        let (year, month, dayOfMonth) = LocalDateTime.civil(fromDays: day)
        if !rule.byMonth.isEmpty, !rule.byMonth.contains(month) { return false }
        if !rule.byWeekNo.isEmpty, rule.frequency == .yearly, !weekNumberMatches(day, year: year) { return false }
        if !rule.byYearDay.isEmpty {
            let yearDay = day - LocalDateTime.days(year: year, month: 1, day: 1) + 1
            let fromEnd = yearDay - LocalDateTime.daysInYear(year) - 1
            if !rule.byYearDay.contains(yearDay), !rule.byYearDay.contains(fromEnd) { return false }
        }
        if !rule.byMonthDay.isEmpty {
            let fromEnd = dayOfMonth - LocalDateTime.daysInMonth(year: year, month: month) - 1
            if !rule.byMonthDay.contains(dayOfMonth), !rule.byMonthDay.contains(fromEnd) { return false }
        }
        if !rule.byDay.isEmpty, !weekdayMatches(day, year: year, month: month) { return false }
        return true
    }

    private func weekdayMatches(_ day: Int, year: Int, month: Int) -> Bool {
        let weekday = LocalDateTime.weekday(ofDay: day)
        let scope = ordinalScope(year: year, month: month)
        for entry in rule.byDay where entry.weekday == weekday {
            guard entry.ordinal != 0, let (first, last) = scope else { return true }
            if entry.ordinal > 0, (day - first) / 7 + 1 == entry.ordinal { return true }
            if entry.ordinal < 0, -((last - day) / 7 + 1) == entry.ordinal { return true }
        }
        return false
    }

    /// The first and last day within which `BYDAY` ordinals count, or `nil` when ordinals do
    /// not apply (weekly and finer, or yearly with `BYWEEKNO`).
    private func ordinalScope(year: Int, month: Int) -> (Int, Int)? {
        switch rule.frequency {
        case .monthly:
            return monthScope(year: year, month: month)
        case .yearly where rule.byWeekNo.isEmpty:
            if !rule.byMonth.isEmpty { return monthScope(year: year, month: month) }
            let first = LocalDateTime.days(year: year, month: 1, day: 1)
            return (first, first + LocalDateTime.daysInYear(year) - 1)
        default:
            return nil
        }
    }

    private func monthScope(year: Int, month: Int) -> (Int, Int) {
        let first = LocalDateTime.days(year: year, month: month, day: 1)
        return (first, first + LocalDateTime.daysInMonth(year: year, month: month) - 1)
    }

    /// ISO-8601-style week numbering with weeks starting on `WKST`: week 1 is the first week
    /// with at least four days in the year.
    private func weekNumberMatches(_ day: Int, year: Int) -> Bool {
        var weekYear = year
        var firstWeek = firstWeekStart(of: year)
        if day < firstWeek {
            weekYear = year - 1
            firstWeek = firstWeekStart(of: weekYear)
        } else if day >= firstWeekStart(of: year + 1) {
            weekYear = year + 1
            firstWeek = firstWeekStart(of: weekYear)
        }
        let week = (day - firstWeek) / 7 + 1
        let weeks = (firstWeekStart(of: weekYear + 1) - firstWeek) / 7
        return rule.byWeekNo.contains(week) || rule.byWeekNo.contains(week - weeks - 1)
    }

    private func firstWeekStart(of year: Int) -> Int {
        let january1 = LocalDateTime.days(year: year, month: 1, day: 1)
        let offset = (LocalDateTime.weekday(ofDay: january1) - rule.weekStart + 7) % 7
        return offset <= 3 ? january1 - offset : january1 - offset + 7
    }
}
