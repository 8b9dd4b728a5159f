using System.Reflection;
using System.Runtime.Loader;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// A collectible context for one compiled aggregator file. Every reference (the ImportErrorAnalytics library, its
/// dependencies, the framework) resolves to the instance already loaded in the default context, so the file's types
/// implement the very <c>IErrorAggregator&lt;,&gt;</c> the pipeline knows.
/// </summary>
internal sealed class AggregatorLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        foreach (var loaded in Default.Assemblies)
        {
            if (AssemblyName.ReferenceMatchesDefinition(assemblyName, loaded.GetName()))
            {
                return loaded;
            }
        }

        return null; // Not loaded yet: the default context loads it (and shares it).
    }
}
