using System.Text;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// Maps UTF-8 names (error types, object types) to small integer ids and interned strings.
/// Lookups are lock-free and allocation-free; a name seen for the first time is added once under a lock
/// (copy-on-write), so the known names cost nothing and a new HubSpot value costs one string, once.
/// Id 0 stands for "absent".
/// </summary>
internal sealed class NameTable
{
    private readonly object _gate = new();
    private volatile Snapshot _snapshot;

    public NameTable(IEnumerable<string> known)
    {
        _snapshot = new Snapshot(16);
        foreach (var name in known)
        {
            AddSlow(Encoding.UTF8.GetBytes(name), name);
        }

        KnownCount = _snapshot.Count - 1;
    }

    /// <summary>Number of names preloaded from HubSpot's enum list.</summary>
    public int KnownCount { get; }

    /// <summary>Number of ids in use, including id 0 (absent).</summary>
    public int Count => _snapshot.Count;

    public string? this[int id] => id == 0 ? null : _snapshot.Names[id];

    public bool IsKnown(int id) => id > 0 && id <= KnownCount;

    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var snapshot = _snapshot;
        var id = snapshot.Find(utf8, ByteHash.Compute(utf8));
        return id > 0 ? id : AddSlow(utf8, null);
    }

    /// <summary>The id of <paramref name="utf8"/>, or 0 when it was never seen.</summary>
    public int Find(ReadOnlySpan<byte> utf8) => _snapshot.Find(utf8, ByteHash.Compute(utf8));

    private int AddSlow(ReadOnlySpan<byte> utf8, string? name)
    {
        lock (_gate)
        {
            var current = _snapshot;
            var hash = ByteHash.Compute(utf8);
            var existing = current.Find(utf8, hash);
            if (existing > 0)
            {
                return existing;
            }

            var next = current.CopyWith(utf8.ToArray(), name ?? Encoding.UTF8.GetString(utf8), hash);
            _snapshot = next;
            return next.Count - 1;
        }
    }

    private sealed class Snapshot
    {
        private readonly int[] _buckets;
        private readonly byte[][] _keys;
        private readonly int[] _hashes;

        public Snapshot(int capacity)
        {
            _buckets = new int[capacity * 2];
            _keys = new byte[capacity][];
            _hashes = new int[capacity];
            Names = new string[capacity];
            Count = 1;
        }

        public string[] Names { get; }

        public int Count { get; private set; }

        public int Find(ReadOnlySpan<byte> utf8, int hash)
        {
            var mask = _buckets.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var id = _buckets[i];
                if (id == 0)
                {
                    return 0;
                }

                if (_hashes[id] == hash && utf8.SequenceEqual(_keys[id]))
                {
                    return id;
                }
            }
        }

        public Snapshot CopyWith(byte[] key, string name, int hash)
        {
            var capacity = Count + 1 > _keys.Length ? _keys.Length * 2 : _keys.Length;
            var next = new Snapshot(capacity);
            for (var id = 1; id < Count; id++)
            {
                next.Insert(_keys[id], Names[id], _hashes[id]);
            }

            next.Insert(key, name, hash);
            return next;
        }

        private void Insert(byte[] key, string name, int hash)
        {
            var id = Count++;
            _keys[id] = key;
            Names[id] = name;
            _hashes[id] = hash;
            var mask = _buckets.Length - 1;
            var i = hash & mask;
            while (_buckets[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _buckets[i] = id;
        }
    }
}
