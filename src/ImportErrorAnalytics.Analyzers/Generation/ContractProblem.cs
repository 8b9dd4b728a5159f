namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>A member of a result type graph the generated contract cannot write: its path and why.</summary>
/// <param name="Path">The member path from the result type: <c>Summary.Items[].Tags{}</c> (<c>[]</c> an element, <c>{}</c> a dictionary value).</param>
/// <param name="Reason">What is wrong, as the end of a sentence starting with the path.</param>
internal sealed record ContractProblem(string Path, string Reason);
