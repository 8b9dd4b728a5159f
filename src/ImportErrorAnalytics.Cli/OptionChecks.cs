using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Range and format checks on option values. A check sees only a value that parsed: a value of the wrong type
/// (<c>--top lots</c>, a number past <see cref="int.MaxValue"/>) is already the parser's own usage error, and asking
/// System.CommandLine for it would throw instead of reporting it.
/// </summary>
internal static class OptionChecks
{
    /// <summary>
    /// Adds a check: <paramref name="problem"/> returns the message for a bad value, or <see langword="null"/>. Only a
    /// value given on the command line is checked: a default is valid by construction, and checking it would cost every
    /// run the check's own start-up (parsing the default <c>--base-url</c> loads the URI parser).
    /// </summary>
    public static void Check<T>(this Option<T> option, Func<T, string?> problem) => option.Validators.Add(result =>
    {
        if (!result.Implicit && TryGetValue(result, out T value) && problem(value) is { } message)
        {
            result.AddError(message);
        }
    });

    /// <summary>Requires a whole number of at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(this Option<int> option, int minimum) =>
        option.Check(value => value < minimum ? $"{option.Name} must be {minimum} or more." : null);

    /// <summary>Requires, when given, a whole number of at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(this Option<int?> option, int minimum) =>
        option.Check(value => value < minimum ? $"{option.Name} must be {minimum} or more." : null);

    /// <summary>Requires, when given, a whole number of at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(this Option<long?> option, long minimum) =>
        option.Check(value => value < minimum ? $"{option.Name} must be {minimum} or more." : null);

    /// <summary>Requires a whole number of at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(this Option<long> option, long minimum) =>
        option.Check(value => value < minimum ? $"{option.Name} must be {minimum} or more." : null);

    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        // The parser has already recorded an error for tokens it could not convert; that error is the one to show.
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
