namespace ImportErrorAnalytics.Model;

/// <summary>
/// Marks a parameter that takes a HubSpot <c>errorType</c> name. The ImportErrorAnalytics analyzers (IEA0001) warn when
/// a string literal passed to it is not a documented error type.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ErrorTypeNameAttribute : Attribute;
