using Platform.Contracts.Api.Inference;

namespace Platform.Inference.Serving;

/// <summary>
/// Explains an image model's score patch by patch (ADR 34), as <see cref="TextOcclusion"/> does word
/// by word: the image is cut into a grid of at most <see cref="GridSide"/> × <see cref="GridSide"/>
/// patches, each patch in turn is filled with the image's mean pixel and the image scored again;
/// the patch is credited what covering it took from the score (log-odds of the explained class). The
/// baseline is the whole image at its mean (a picture with nothing in it). A credit names its patch
/// (<c>x 8–11, y 4–7</c>) and carries its top-left pixel's index (y × width + x) as
/// <see cref="FeatureContribution.Start"/> and its side as <see cref="FeatureContribution.Length"/>,
/// so a portal can shade it. All rows of a request are scored in one run.
/// </summary>
public static class ImageOcclusion
{
    public const int GridSide = 7;

    public static ExplanationResponse[] Explain(IScoringModel model, FeatureBatch batch, int top)
    {
        var signature = model.Signature;
        var column = Enumerable.Range(0, batch.Columns.Count).First(c => batch.Columns[c] is ImageColumn);
        var images = (ImageColumn)batch.Columns[column];
        if (batch.Columns.Count > 1)
            throw new InvalidOperationException("An image model takes its image alone; occlusion covers that one input.");
        var shape = images.Shape;
        var side = Math.Max(1, (Math.Max(shape.Height, shape.Width) + GridSide - 1) / GridSide);
        var patches = new List<(int X, int Y)>();
        for (var y = 0; y < shape.Height; y += side)
            for (var x = 0; x < shape.Width; x += side)
                patches.Add((x, y));

        // Per instance: itself, its baseline, then it with each patch covered.
        var per = 2 + patches.Count;
        var rows = batch.Count * per;
        var values = new float[rows * shape.Values];
        var plane = shape.Height * shape.Width;
        for (var i = 0; i < batch.Count; i++)
        {
            var image = images.Values.AsSpan(i * shape.Values, shape.Values);
            var means = new float[shape.Channels];
            for (var c = 0; c < shape.Channels; c++)
            {
                double sum = 0;
                foreach (var v in image.Slice(c * plane, plane)) sum += v;
                means[c] = (float)(sum / plane);
            }
            var first = i * per;
            image.CopyTo(values.AsSpan(first * shape.Values));
            for (var c = 0; c < shape.Channels; c++) values.AsSpan((first + 1) * shape.Values + c * plane, plane).Fill(means[c]);
            for (var p = 0; p < patches.Count; p++)
            {
                var covered = values.AsSpan((first + 2 + p) * shape.Values, shape.Values);
                image.CopyTo(covered);
                var (x0, y0) = patches[p];
                for (var c = 0; c < shape.Channels; c++)
                    for (var y = y0; y < Math.Min(y0 + side, shape.Height); y++)
                        covered.Slice(c * plane + y * shape.Width + x0, Math.Min(side, shape.Width - x0)).Fill(means[c]);
            }
        }
        var occluded = new ImageColumn(images.Name, shape, values, images.Statistics.Keys.ToDictionary(s => s, _ => new float[rows]));
        var scored = model.Score(new FeatureBatch(rows, [occluded]));

        var explanations = new ExplanationResponse[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var first = i * per;
            var explained = PredictionExplainer.Explained(signature, scored[first].Label);
            var score = PredictionExplainer.Score(scored[first], explained, signature.IsRegression);
            var baseline = PredictionExplainer.Score(scored[first + 1], explained, signature.IsRegression);
            var credits = new double[patches.Count];
            for (var p = 0; p < credits.Length; p++)
                credits[p] = score - PredictionExplainer.Score(scored[first + 2 + p], explained, signature.IsRegression);
            var ranked = new int[Math.Min(top, credits.Length)];
            PredictionExplainer.TopBySize(credits, ranked);
            var shown = ranked.Select(p =>
            {
                var (x, y) = patches[p];
                var (x1, y1) = (Math.Min(x + side, shape.Width) - 1, Math.Min(y + side, shape.Height) - 1);
                return new FeatureContribution($"x {x}–{x1}, y {y}–{y1}", credits[p], y * shape.Width + x, side);
            }).ToArray();
            explanations[i] = new ExplanationResponse(explained, baseline, score, shown, score - baseline - shown.Sum(c => c.Contribution), PredictionExplainer.Occlusion, 0);
        }
        return explanations;
    }
}
