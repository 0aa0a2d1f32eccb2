using Vrps.Grains.Tickets;
using Vrps.Interfaces.Tickets;

namespace Vrps.Api.Tests;

/// <summary>The SLA clock arithmetic and rule matching, pure: no runtime, no database.</summary>
public sealed class SlaClockTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly SlaBusinessHours[] Weekdays =
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(static d => new SlaBusinessHours(d, "09:00", "17:00"))];

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Paris), TimeSpan.Zero);

    [Fact]
    public void Add_NoBusinessHours_CountsEveryMinute()
    {
        var clock = new SlaClock(null, Paris);
        var from = Local(2026, 3, 6, 18);

        Assert.Equal(from.AddMinutes(90), clock.Add(from, TimeSpan.FromMinutes(90)));
        Assert.Equal(TimeSpan.FromMinutes(90), clock.Between(from, from.AddMinutes(90)));
    }

    [Fact]
    public void Add_FridayEveningWithWeekdayHours_LandsOnMonday()
    {
        var clock = new SlaClock(Weekdays, Paris);

        Assert.Equal(Local(2026, 3, 9, 11), clock.Add(Local(2026, 3, 6, 18), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_SpanningTheWeekend_CarriesTheRemainderOver()
    {
        var clock = new SlaClock(Weekdays, Paris);

        Assert.Equal(Local(2026, 3, 9, 10), clock.Add(Local(2026, 3, 6, 16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), clock.Between(Local(2026, 3, 6, 16), Local(2026, 3, 9, 10)));
    }

    [Fact]
    public void Add_ExactlyTheRestOfTheDay_EndsAtClosing()
    {
        var clock = new SlaClock(Weekdays, Paris);

        Assert.Equal(Local(2026, 3, 10, 17), clock.Add(Local(2026, 3, 10, 9), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Add_AcrossSpringForward_KeepsLocalOpeningHours()
    {
        // Paris moves to summer time on Sunday 29 March 2026: Monday's 09:00 is an hour earlier in UTC than Friday's.
        var clock = new SlaClock(Weekdays, Paris);

        var due = clock.Add(Local(2026, 3, 27, 16), TimeSpan.FromHours(2));

        Assert.Equal(Local(2026, 3, 30, 10), due);
        Assert.Equal(TimeSpan.FromHours(2), clock.Between(Local(2026, 3, 27, 16), due));
    }

    [Fact]
    public void Pause_ThenRun_ExcludesTheTimeInBetween()
    {
        var clock = new SlaClock(null, Paris);
        var t0 = Local(2026, 3, 10, 9);
        var timer = new SlaTimer { RunningSince = t0 };

        clock.Pause(timer, t0.AddMinutes(10));
        SlaClock.Run(timer, t0.AddMinutes(40));

        Assert.Equal(TimeSpan.FromMinutes(10), timer.Counted);
        Assert.Equal(t0.AddMinutes(150), clock.DueAt(timer, TimeSpan.FromMinutes(120)));
        Assert.Equal(TimeSpan.FromMinutes(20), clock.Elapsed(timer, t0.AddMinutes(50)));
    }

    [Fact]
    public void DueAt_PausedTimer_IsNull()
    {
        var timer = new SlaTimer { Counted = TimeSpan.FromMinutes(5) };

        Assert.Null(new SlaClock(null, Paris).DueAt(timer, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Match_SeveralRules_MostSpecificCategoryThenPriorityWins()
    {
        SlaRule Rule(string pattern, string priority, int minutes) => new(pattern, priority, minutes, minutes, 80, null, []);
        var rules = new[] { Rule("*", "*", 1), Rule("PC-*", "*", 2), Rule("PC-*", "urgent", 3), Rule("PC-PLUMBING", "*", 4) };

        Assert.Equal(4, SlaRules.Match(rules, "PC-PLUMBING", "urgent").ResolutionMinutes);
        Assert.Equal(3, SlaRules.Match(rules, "PC-ELECTRIC", "urgent").ResolutionMinutes);
        Assert.Equal(2, SlaRules.Match(rules, "PC-ELECTRIC", "low").ResolutionMinutes);
        Assert.Equal(1, SlaRules.Match(rules, "HK-LINEN", "low").ResolutionMinutes);
        Assert.Equal(SlaRules.Default("emergency").ResolutionMinutes, SlaRules.Match([], "HK-LINEN", "emergency").ResolutionMinutes);
    }
}
