using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Drift;
using Platform.Tabular.Evaluation;
using Platform.Tabular.Images;
using TorchSharp;

namespace Platform.Modeling.Images;

/// <summary>
/// Trains a classifier for an image dataset as the tabular families are trained for a table (ADR
/// 34): each image assigned to train, validation or test by its content and the seed; the CNN
/// stopped early on the validation images; its file scored by ONNX Runtime on the test images it
/// never saw, which must reproduce the network's own probabilities (parity); the drift reference
/// the train images' brightness, contrast and sizes. Classes are the labels in ordinal order.
/// </summary>
public static class ImageClassifierTrainer
{
    public const double ParityTolerance = 1e-4;

    public static FamilySelection Train(ImageSet set, int seed, ImageCnnOptions options, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        var (classes, train, validation, test, trainRows) = ImagePartitions.Of(set, seed);

        var clock = Stopwatch.StartNew();
        TrainedImageCnn trained;
        lock (NetworkFamily.TorchRandom)
        {
            trained = ImageCnnTrainer.Train(train, validation, classes.Length, options with { Seed = seed }, ct, epoch =>
            {
                var metrics = ClassificationMetrics.Compute(validation.Labels, epoch.ValidationScores, classes.Length);
                progress?.Report(new EpochProgress(epoch.Epoch, options.Epochs, epoch.TrainLoss, metrics.LogLoss, metrics.RocAuc, epoch.Elapsed));
            });
        }
        using (trained)
        {
            var (file, fileTest, parity) = trained.ToCheckedOnnx(classes, test);
            var fileValidation = Score(file, validation);

            var testMetrics = ClassificationMetrics.Compute(test.Labels, fileTest, classes.Length);
            var winner = new TrainedClassifier(file, ModelMetrics.Of(testMetrics), parity, train.Count, validation.Count, test.Count, trained.Epoch, classes)
            {
                Reference = Reference(set, trainRows),
                // Permutation importance shuffles columns; an image is one input, so there is nothing to rank.
                FeatureImportance = new Dictionary<string, double>(),
                Family = ModelFamilies.ImageCnn,
            };
            var report = new CandidateReport(ModelFamilies.ImageCnn, ClassificationMetrics.AreaUnderRoc(validation.Labels, fileValidation, classes.Length),
                testMetrics.RocAuc, parity, trained.Epoch, file.LongLength, clock.Elapsed);
            return new FamilySelection(winner, [report]);
        }
    }

    /// <summary>Class probabilities of <paramref name="images"/> by the file, from raw pixels as serving sends them.</summary>
    public static float[] Score(byte[] file, LabelledImages images, int threads = 2)
    {
        using var options = OnnxClassifier.CreateSessionOptions();
        options.IntraOpNumThreads = threads;
        using var session = new InferenceSession(file, options);
        var shape = images.Shape;
        var scores = new List<float>();
        foreach (var batch in Enumerable.Range(0, images.Count).Chunk(256))
        {
            var tensor = new DenseTensor<float>(images.Floats(batch), [batch.Length, shape.Channels, shape.Height, shape.Width]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(ImageProfiler.ImageColumn, tensor)], [Onnx.ModelMetadata.ProbabilitiesOutput]);
            scores.AddRange(results[0].AsEnumerable<float>());
        }
        return [.. scores];
    }

    /// <summary>The train images' brightness, contrast and uploaded sizes, binned as any numeric feature is (ADR 34).</summary>
    private static ReferenceStatistics Reference(ImageSet set, int[] trainRows)
    {
        var values = ImageStatistics.All.ToDictionary(s => s, _ => new double[trainRows.Length]);
        for (var i = 0; i < trainRows.Length; i++)
        {
            var row = trainRows[i];
            (values[ImageStatistics.Brightness][i], values[ImageStatistics.Contrast][i]) = ImageStatistics.Of(set.Image(row));
            values[ImageStatistics.Width][i] = set.SourceWidths[row];
            values[ImageStatistics.Height][i] = set.SourceHeights[row];
        }
        return new ReferenceStatistics(trainRows.Length,
            [.. ImageStatistics.All.Select(s => FeatureReference.FitNumeric(ImageStatistics.FeatureName(ImageProfiler.ImageColumn, s), values[s]))]);
    }
}
