using System.Globalization;

namespace Vrps.Bench.Deadlines;

/// <summary>What a child silo is told on its command line: which provider, which database, which endpoint.</summary>
internal sealed record TimerSiloOptions(
    TimerProvider Provider,
    string ConnectionString,
    int SiloPort,
    int GatewayPort,
    TimeSpan ReminderPeriod,
    TimeSpan MinimumReminderPeriod)
{
    private const string ProviderArgument = "--provider";
    private const string ConnectionArgument = "--connection";
    private const string SiloPortArgument = "--silo-port";
    private const string GatewayPortArgument = "--gateway-port";
    private const string PeriodArgument = "--reminder-period";
    private const string MinimumPeriodArgument = "--minimum-reminder-period";

    public IEnumerable<string> ToArguments()
    {
        yield return ProviderArgument;
        yield return Provider.ToString();
        yield return ConnectionArgument;
        yield return ConnectionString;
        yield return SiloPortArgument;
        yield return SiloPort.ToString(CultureInfo.InvariantCulture);
        yield return GatewayPortArgument;
        yield return GatewayPort.ToString(CultureInfo.InvariantCulture);
        yield return PeriodArgument;
        yield return ReminderPeriod.ToString("c", CultureInfo.InvariantCulture);
        yield return MinimumPeriodArgument;
        yield return MinimumReminderPeriod.ToString("c", CultureInfo.InvariantCulture);
    }

    public static TimerSiloOptions Parse(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            values[arguments[i]] = arguments[i + 1];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"The timer silo needs {name}.", nameof(arguments));

        return new TimerSiloOptions(
            Enum.Parse<TimerProvider>(Required(ProviderArgument)),
            Required(ConnectionArgument),
            int.Parse(Required(SiloPortArgument), CultureInfo.InvariantCulture),
            int.Parse(Required(GatewayPortArgument), CultureInfo.InvariantCulture),
            TimeSpan.ParseExact(Required(PeriodArgument), "c", CultureInfo.InvariantCulture),
            TimeSpan.ParseExact(Required(MinimumPeriodArgument), "c", CultureInfo.InvariantCulture));
    }
}
