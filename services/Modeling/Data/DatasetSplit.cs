using System.Text;
using Platform.Tabular;

namespace Platform.Modeling.Data;

/// <summary>
/// Assigns each row to train (70 %), validation (15 %) or test (15 %) from a hash of its content
/// and the seed, not from its position: the same row lands in the same partition in every version
/// of a dataset, so a row that trained one model is never in another version's test rows. A large
/// image set holds out fewer (<see cref="MaxHeldOutImages"/>).
/// </summary>
public static class DatasetSplit
{
    public const double TrainShare = 0.70;
    public const double ValidationShare = 0.15;

    /// <summary>
    /// The most items a held-out partition of an image set needs: 5,000 measure an accuracy near 0.9
    /// within ±0.008 (95 %), and every image past them is worth more to training. A set of over 33,333
    /// images holds out 5,000 to validate and 5,000 to test (Fashion-MNIST's 60,000: 50,000 train, not
    /// 42,000); a smaller one 15 % each, as a table does (ADR 34's amendment).
    /// </summary>
    public const int MaxHeldOutImages = 5_000;

    /// <summary>The share of a set of <paramref name="count"/> images each held-out partition takes (<see cref="MaxHeldOutImages"/>).</summary>
    public static double HeldOutShare(int count) => Math.Min(ValidationShare, (double)MaxHeldOutImages / Math.Max(1, count));

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

    /// <summary>Test is the top <paramref name="heldOut"/> of the unit interval, validation the share below it; 15 % gives the table's 70 / 15 / 15.</summary>
    private static SplitPartition Partition(double unit, double heldOut) =>
        heldOut >= ValidationShare ? Partition(unit)
        : unit < 1 - 2 * heldOut ? SplitPartition.Train
        : unit < 1 - heldOut ? SplitPartition.Validation
        : SplitPartition.Test;

    /// <summary>
    /// An image's partition from its pixels and label, as a row's is from its cells: the same image
    /// lands in the same partition in every version of an image dataset of the same size regime. As a
    /// set grows past 33,333 images its held-out shares shrink (<see cref="HeldOutShare"/>): images move
    /// from validation to train and from test to validation, never out of train.
    /// </summary>
    public static SplitPartition Assign(ReadOnlySpan<byte> pixels, string label, int seed, int count)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var b in pixels) hash = (hash ^ b) * prime;
        hash = (hash ^ 0xFFUL) * prime;
        foreach (var c in label) hash = (hash ^ c) * prime;
        return Partition(Finish(hash), HeldOutShare(count));
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
