using Orleans.Storage;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>One silo's grain storage over the <see cref="SharedGrainStore"/>, serializing with the silo's storage serializer.</summary>
internal sealed class SharedGrainStorage(SharedGrainStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.Read(Key(stateName, grainId)) is { } entry)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(entry.Data));
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var etag = store.Write(Key(stateName, grainId), data, grainState.ETag)
            ?? throw new InconsistentStateException($"The stored state of {grainId} changed since it was read.", grainState.ETag, "(newer)");
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.Clear(Key(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{grainId}/{stateName}";
}
