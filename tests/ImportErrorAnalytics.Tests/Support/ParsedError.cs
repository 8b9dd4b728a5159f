using System.Text;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A parsed record copied out of its page, comparable by value.</summary>
internal sealed record ParsedError(
    string Id,
    long? CreatedAt,
    string? ErrorType,
    string? ObjectType,
    int? KnownColumnNumber,
    string? PropertyName,
    string? Value,
    bool IsSensitive,
    long? FileId,
    int? LineNumber)
{
    public static ParsedError From(in ImportErrorRecord record) => new(
        Encoding.UTF8.GetString(record.Id),
        record.CreatedAt,
        record.ErrorType,
        record.ObjectType,
        record.KnownColumnNumber,
        record.HasPropertyName ? Encoding.UTF8.GetString(record.PropertyName) : null,
        record.HasInvalidValue ? Encoding.UTF8.GetString(record.InvalidValue) : null,
        record.IsSensitive,
        record.FileId,
        record.LineNumber);

    /// <summary>What the parser must make of <paramref name="error"/>.</summary>
    public static ParsedError Expected(SyntheticError error) => new(
        error.Id,
        error.CreatedAt,
        error.ErrorType,
        error.ObjectType,
        error.KnownColumnNumber,
        error.PropertyName,
        error.EffectiveValue is null ? null : error.IsSensitive ? "[REDACTED]" : error.EffectiveValue,
        error.IsSensitive,
        error.FileId,
        error.LineNumber);
}
