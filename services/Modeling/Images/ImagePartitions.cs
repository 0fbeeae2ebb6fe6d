using Platform.Modeling.Data;
using Platform.Tabular.Images;

namespace Platform.Modeling.Images;

/// <summary>
/// An image set labelled and split as training splits it (ADR 34): classes in ordinal order, each
/// image in train, validation or test by its pixels, label and the seed, a large set holding out
/// at most <see cref="DatasetSplit.MaxHeldOutImages"/> images each to validate and to test. Training and compression
/// both call it, so a variant is measured on the images its parent never saw.
/// </summary>
public sealed record ImagePartitions(string[] Classes, LabelledImages Train, LabelledImages Validation, LabelledImages Test, int[] TrainRows)
{
    public static ImagePartitions Of(ImageSet set, int seed)
    {
        var classes = set.Labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new InvalidTrainingDataException($"An image classifier needs at least two classes; every image is labelled '{classes.FirstOrDefault()}'.");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var all = new LabelledImages(set.Shape, set.Pixels, [.. set.Labels.Select(l => index[l])]);
        var partitions = Enumerable.Range(0, set.Count).GroupBy(i => DatasetSplit.Assign(set.Image(i), set.Labels[i], seed, set.Count))
            .ToDictionary(g => g.Key, g => g.ToArray());
        int[] Rows(SplitPartition partition) => partitions.GetValueOrDefault(partition, []);
        var (train, validation, test) = (Rows(SplitPartition.Train), Rows(SplitPartition.Validation), Rows(SplitPartition.Test));
        if (train.Length == 0 || validation.Length == 0 || test.Length == 0)
            throw new InvalidTrainingDataException(
                $"{set.Count} images gave {train.Length} to train, {validation.Length} to validate and {test.Length} to test; each needs at least one.");
        return new ImagePartitions(classes, all.Take(train), all.Take(validation), all.Take(test), train);
    }
}
