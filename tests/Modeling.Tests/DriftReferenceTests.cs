using Platform.Modeling.Training;
using Platform.Tabular.Drift;

namespace Platform.Modeling.Tests;

/// <summary>What training hands to serving besides the model: the drift reference and the importance of each input.</summary>
public sealed class DriftReferenceTests
{
    private static readonly TrainedClassifier Trained = new TabularClassifierTrainer(new TrainerOptions { MaxEpochs = 15, HiddenLayers = [32, 16] })
        .Train(Tables.Request(SyntheticData.Create(3000), "outcome", "yes", null, 5));

    [Fact]
    public void The_reference_covers_every_input_with_the_kind_the_model_reads_it_as()
    {
        var features = Trained.Reference.Features.ToDictionary(f => f.Name);

        Assert.Equal(["colour", "unrelated", "x"], features.Keys.Order());
        Assert.Equal(DriftFeatureKind.Numeric, features["x"].Kind);
        Assert.Equal(DriftFeatureKind.Categorical, features["colour"].Kind);
        Assert.Equal(Trained.TrainRows, Trained.Reference.Rows);
        // Deciles of a uniform column: ten bins of about a tenth each, plus the missing share (every 17th x is missing).
        Assert.Equal(9, features["x"].Cuts.Length);
        Assert.InRange(features["x"].Shares[^1], 0.04, 0.08);
        Assert.Equal(1.0, features["colour"].Shares.Sum(), 9);
    }

    [Fact]
    public void Rows_like_the_train_rows_have_no_drift_and_shifted_rows_do()
    {
        var data = SyntheticData.Create(3000, seed: 99);
        var x = Trained.Reference.Features.Select((f, i) => (f, i)).Single(p => p.f.Name == "x");
        var same = new BinCounts(Trained.Reference);
        var shifted = new BinCounts(Trained.Reference);
        var values = data.Rows.Select(r => r[0] is { } text ? double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : double.NaN).ToArray();
        same.AddNumeric(x.i, values.AsSpan());
        shifted.AddNumeric(x.i, values.Select(v => v + 3).ToArray().AsSpan());

        Assert.True(same.Psi()[x.i] < 0.05, $"PSI {same.Psi()[x.i]}");
        Assert.True(shifted.Psi()[x.i] > 1, $"PSI {shifted.Psi()[x.i]}");
    }

    [Fact]
    public void Free_text_is_binned_by_its_length_in_words_and_a_change_of_length_is_drift()
    {
        var reviews = FineTunedEncoderTests.Reviews(4000);
        var texts = reviews.Rows.Select(r => r[reviews.ColumnIndex("review")]).ToArray();
        var review = FeatureReference.FitText("review", texts[..3000]);
        Assert.Equal(DriftFeatureKind.Text, review.Kind);
        Assert.Equal(9, review.Cuts.Length); // deciles of the word counts
        var reference = new ReferenceStatistics(3000, [review]);
        var same = new BinCounts(reference);
        var shorter = new BinCounts(reference);
        same.AddCategorical(0, texts[3000..]);
        // The same reviews cut to their first ten words: the words are the train's, their number is not.
        shorter.AddCategorical(0, texts[3000..].Select(t => string.Join(' ', t!.Split(' ').Take(10))).ToArray());
        Assert.True(same.Psi()[0] < 0.05, $"PSI {same.Psi()[0]}");
        Assert.True(shorter.Psi()[0] > 1, $"PSI {shorter.Psi()[0]}");
        Assert.Equal(review.MissingBin, review.BinOf((string?)""));
    }

    [Fact]
    public void Importance_ranks_the_signal_above_the_unrelated_column()
    {
        var importance = Trained.FeatureImportance;
        Assert.True(importance["x"] > importance["colour"], $"x {importance["x"]}, colour {importance["colour"]}");
        Assert.True(importance["colour"] > importance["unrelated"], $"colour {importance["colour"]}, unrelated {importance["unrelated"]}");
        Assert.True(Math.Abs(importance["unrelated"]) < 0.02, $"unrelated {importance["unrelated"]}");
    }
}
