using System.Text;
using Platform.Tabular;

namespace Platform.Modeling.Data;

/// <summary>
/// Assigns each row to train (70 %), validation (15 %) or test (15 %) from a hash of its content
/// and the seed, not from its position: the same row lands in the same partition in every version
/// of a dataset, so a row that trained one model is never in another version's test rows.
/// </summary>
public static class DatasetSplit
{
    public const double TrainShare = 0.70;
    public const double ValidationShare = 0.15;

    /// <summary>Tags each row with its partition as a <see cref="ColumnarTable"/> is read, while its raw cells are at hand.</summary>
    public static RowTagger Tagger(int seed) => new(TagKey(seed), row => (byte)Assign(row, seed));

    public static string TagKey(int seed) => $"split/{seed}";

    public static SplitPartition Assign(IReadOnlyList<string?> row, int seed)
    {
        return Partition(UnitInterval(row, seed));
    }

    private static SplitPartition Partition(double unit) =>
        unit < TrainShare ? SplitPartition.Train
        : unit < TrainShare + ValidationShare ? SplitPartition.Validation
        : SplitPartition.Test;

    /// <summary>
    /// An image's partition from its pixels and label, as a row's is from its cells: the same image
    /// lands in the same partition in every version of an image dataset.
    /// </summary>
    public static SplitPartition Assign(ReadOnlySpan<byte> pixels, string label, int seed)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var b in pixels) hash = (hash ^ b) * prime;
        hash = (hash ^ 0xFFUL) * prime;
        foreach (var c in label) hash = (hash ^ c) * prime;
        return Partition(Finish(hash));
    }

    /// <summary>A uniform number in [0, 1) from FNV-1a over the cells, finished with SplitMix64 so nearby rows scatter.</summary>
    internal static double UnitInterval(IReadOnlyList<string?> row, int seed)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var cell in row)
        {
            // A separator that cannot occur in text keeps ("ab","c") and ("a","bc") apart; null differs from "".
            hash = (hash ^ (cell is null ? 0xFEUL : 0xFFUL)) * prime;
            if (cell is null) continue;
            var text = cell.AsSpan();
            while (!text.IsEmpty)
            {
                var take = Math.Min(text.Length, buffer.Length / 4);
                var written = Encoding.UTF8.GetBytes(text[..take], buffer);
                foreach (var b in buffer[..written]) hash = (hash ^ b) * prime;
                text = text[take..];
            }
        }
        return Finish(hash);
    }

    private static double Finish(ulong hash)
    {
        hash += 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
