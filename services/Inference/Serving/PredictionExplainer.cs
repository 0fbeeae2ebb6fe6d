using Platform.Contracts.Api.Inference;

namespace Platform.Inference.Serving;

/// <summary>
/// Explains each instance's score as what each input added to it, in log-odds of the explained class
/// (the positive class of a binary model, the predicted class otherwise), against a baseline instance
/// whose every input is missing (the graph reads a missing number as the train median and a missing
/// category as unknown). The inputs are switched from the baseline to the instance one at a time, in
/// several orders (each random order is followed by its reverse), and each input is credited the
/// mean change it made: Shapley values estimated by sampling orders (ADR 23). In every order the
/// changes add up to the instance's score minus the baseline's, so the credits do too. Logistic
/// regression adds one term per input, so every order credits the same: its exact Shapley values.
/// All the rows of a request are scored in one run of the model, beside nothing else. A binary
/// boosted-trees file whose trees serving read at load is not sampled: the same Shapley values are
/// computed exactly from its trees (<see cref="TreeShapExplainer"/>), from the run that scores the
/// instances and returns their feature vectors (<see cref="ScoreAndExplain"/>). A float network is
/// explained by DeepLIFT and a blend from its members, from that same run (ADR 23, amended).
/// <para>
/// A regression model's score is its value, in the target's units (ADR 31): the same game with the
/// value in place of the log-odds; the explained "class" is the target's name. Linear regression is
/// a sum of one term per input as logistic regression's logit is, so it is exact from one order;
/// trees, networks and blends of a regression are explained from their run as a classifier's are.
/// </para>
/// </summary>
public static class PredictionExplainer
{
    public const string Exact = "exact";
    public const string SampledShapley = "sampled-shapley";
    /// <summary>Exact Shapley values computed from the trees; no order is sampled, so <c>permutations</c> is 0.</summary>
    public const string TreeShap = "tree-shap";
    /// <summary>A network's credits by DeepLIFT's rescale rule (<see cref="GraphDeepLiftExplainer"/>, <see cref="DeepLiftBaseline"/>); no order is sampled.</summary>
    public const string DeepLift = "deeplift";
    /// <summary>A blend's credits from its members' (<see cref="BlendExplainer"/>): the trees' exact Shapley values and the network's DeepLIFT credits, rescaled through the Mean.</summary>
    public const string Blend = "tree-shap+deeplift";

    // Probabilities come rounded to 6 digits (OnnxScoringModel): log-odds are taken within that.
    private const double Floor = 1e-6;

    // The same orders for every request: an explanation is a function of the instance and the model.
    private const int OrderSeed = 20_261_202;

    // The families whose score is a sum of one term per raw input (ModelFamilies in Modeling).
    private const string LogisticRegression = "logistic-regression";
    private const string LinearRegression = "linear-regression";
    // A regression file's explained "class" when it names no target.
    private const string ValueName = "value";

    /// <summary>A text model's credits: each word's, by taking it out of the text (<see cref="TextOcclusion"/>); an image model's, each patch's (<see cref="ImageOcclusion"/>).</summary>
    public const string Occlusion = "occlusion";

    public static ExplanationResponse[] Explain(IScoringModel model, FeatureBatch batch, int permutations, int top)
    {
        if (ScoreAndExplain(model, batch, top) is { } byTrees) return byTrees.Explanations;
        if (model.Signature.TextInputs.Count > 0) return TextOcclusion.Explain(model, batch, top);
        if (batch.Columns.Any(c => c is ImageColumn)) return ImageOcclusion.Explain(model, batch, top);
        var signature = model.Signature;
        var k = batch.Columns.Count;
        var exact = signature.Family is LogisticRegression or LinearRegression;
        var regression = signature.IsRegression;
        // One order is enough where every order credits the same.
        var orders = Orders(k, exact ? 1 : permutations);
        var p = orders.Length;
        var rows = 1 + batch.Count * p * k;
        var path = PathRows(batch, orders, rows);
        var scored = model.Score(path);

        var baseline = scored[0];
        var explanations = new ExplanationResponse[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var first = 1 + i * p * k;
            // The last row of each order is the instance itself.
            var instance = scored[first + k - 1];
            var explained = Explained(signature, instance.Label);
            var credits = new double[k];
            for (var o = 0; o < p; o++)
            {
                var previous = Score(baseline, explained, regression);
                for (var step = 0; step < k; step++)
                {
                    var current = Score(scored[first + o * k + step], explained, regression);
                    credits[orders[o][step]] += (current - previous) / p;
                    previous = current;
                }
            }
            explanations[i] = Response(explained, Score(baseline, explained, regression), Score(instance, explained, regression),
                batch, credits, top, exact ? Exact : SampledShapley, p);
        }
        return explanations;
    }

    /// <summary>
    /// Scores a batch and explains it from one run where the model is explained from what its file
    /// computes (the predictions and what the explainer reads come out together, so an explanation
    /// costs the explainer's work on top of the plain prediction); null for every other model, whose
    /// predictions are scored as without <c>explain</c> and explained by <see cref="Explain"/>.
    /// </summary>
    public static (IReadOnlyList<Prediction> Predictions, ExplanationResponse[] Explanations)? ScoreAndExplain(IScoringModel model, FeatureBatch batch, int top)
    {
        if (model is not IVectorExplainedModel { VectorExplainer: { } explainer } explained) return null;
        var (predictions, features) = explained.ScoreWithFeatureVectors(batch);
        return (predictions, ExplainFromRun(explained, explainer, batch, features, top));
    }

    /// <summary>
    /// The positive class's log-odds (a regression's value) of each instance explained from what the
    /// run returned (a walk of the trees, a network's credits, or both). The log-odds are the
    /// explainer's own (not the file's probability after its rounding to 6 digits).
    /// </summary>
    private static ExplanationResponse[] ExplainFromRun(IVectorExplainedModel model, IFeatureVectorExplainer explainer, FeatureBatch batch, float[] features, int top)
    {
        var explained = Explained(model.Signature, predictedLabel: "");
        // The explainer credits the model's inputs in the signature's order; the batch names its columns.
        var inputs = model.Signature.Inputs;
        var column = new int[batch.Columns.Count];
        for (var c = 0; c < column.Length; c++)
        {
            var name = batch.Columns[c].Name;
            column[c] = Enumerable.Range(0, inputs.Count).FirstOrDefault(i => inputs[i].Name == name, -1);
            if (column[c] < 0) throw new ArgumentException($"The batch's column '{name}' is not an input of the model.", nameof(batch));
        }

        var byInput = new double[batch.Count * explainer.Inputs];
        var logOdds = new double[batch.Count];
        explainer.Explain(features, byInput, logOdds);
        var explanations = new ExplanationResponse[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var credits = new double[column.Length];
            for (var c = 0; c < column.Length; c++) credits[c] = byInput[i * explainer.Inputs + column[c]];
            explanations[i] = Response(explained, explainer.BaseLogOdds, logOdds[i], batch, credits, top, explainer.Method, permutations: 0);
        }
        return explanations;
    }

    /// <summary>The top <paramref name="top"/> credits by size, the rest summed as other.</summary>
    private static ExplanationResponse Response(
        string explained, double baseLogOdds, double logOdds, FeatureBatch batch, double[] credits, int top, string method, int permutations)
    {
        var kept = Math.Min(top, credits.Length);
        Span<int> ranked = kept <= 64 ? stackalloc int[kept] : new int[kept];
        TopBySize(credits, ranked);
        var shown = new FeatureContribution[kept];
        Span<bool> isShown = credits.Length <= 256 ? stackalloc bool[credits.Length] : new bool[credits.Length];
        for (var r = 0; r < kept; r++)
        {
            shown[r] = new FeatureContribution(batch.Columns[ranked[r]].Name, credits[ranked[r]]);
            isShown[ranked[r]] = true;
        }
        var other = 0.0;
        for (var c = 0; c < credits.Length; c++) if (!isShown[c]) other += credits[c];
        return new ExplanationResponse(explained, baseLogOdds, logOdds, shown, other, method, permutations);
    }

    /// <summary>
    /// Fills <paramref name="ranked"/> with the indexes of the <paramref name="ranked"/>.Length largest
    /// credits by size, largest first, equal sizes in the inputs' order. Kept by insertion as the inputs
    /// go by (an input displaces a kept one only when strictly larger): no sort of all of them and
    /// nothing allocated; for 100 instances a full sort per instance cost more than the trees' walk.
    /// </summary>
    internal static void TopBySize(ReadOnlySpan<double> credits, Span<int> ranked)
    {
        var kept = ranked.Length;
        var count = 0;
        for (var c = 0; c < credits.Length && kept > 0; c++)
        {
            var size = Math.Abs(credits[c]);
            if (count == kept && size <= Math.Abs(credits[ranked[count - 1]])) continue;
            var last = Math.Min(count, kept - 1);
            var at = last;
            while (at > 0 && size > Math.Abs(credits[ranked[at - 1]])) at--;
            for (var r = last; r > at; r--) ranked[r] = ranked[r - 1];
            ranked[at] = c;
            if (count < kept) count++;
        }
    }

    /// <summary>
    /// Row 0 is the baseline; then, for each instance and order, k rows: after step s the first s + 1
    /// inputs of the order hold the instance's values, the others are missing.
    /// </summary>
    private static FeatureBatch PathRows(FeatureBatch batch, int[][] orders, int rows)
    {
        var k = batch.Columns.Count;
        // rank[o][c]: the step at which order o switches input c on.
        var rank = orders.Select(order =>
        {
            var r = new int[k];
            for (var step = 0; step < k; step++) r[order[step]] = step;
            return r;
        }).ToArray();

        var columns = new FeatureColumn[k];
        for (var c = 0; c < k; c++)
        {
            switch (batch.Columns[c])
            {
                case NumericColumn numeric:
                    var numbers = new float[rows];
                    Fill(numbers, numeric.Values, float.NaN, batch.Count, rank, c, k);
                    columns[c] = new NumericColumn(numeric.Name, numbers);
                    break;
                case CategoricalColumn categorical:
                    var texts = new string[rows];
                    Fill(texts, categorical.Values, "", batch.Count, rank, c, k);
                    columns[c] = new CategoricalColumn(categorical.Name, texts);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown column type {batch.Columns[c].GetType().Name}.");
            }
        }
        return new FeatureBatch(rows, columns);
    }

    private static void Fill<T>(T[] path, T[] values, T missing, int instances, int[][] rank, int column, int k)
    {
        path[0] = missing;
        var row = 1;
        for (var i = 0; i < instances; i++)
        {
            foreach (var order in rank)
            {
                var on = order[column];
                for (var step = 0; step < k; step++) path[row++] = step >= on ? values[i] : missing;
            }
        }
    }

    /// <summary>Random orders of the k inputs, each followed by its reverse (antithetic: lower variance for the same rows).</summary>
    private static int[][] Orders(int k, int count)
    {
        var random = new Random(OrderSeed);
        var orders = new int[Math.Max(1, count)][];
        for (var o = 0; o < orders.Length; o += 2)
        {
            var order = Enumerable.Range(0, k).ToArray();
            random.Shuffle(order);
            orders[o] = order;
            if (o + 1 < orders.Length) orders[o + 1] = [.. order.Reverse()];
        }
        return orders;
    }

    /// <summary>
    /// What an explanation is of: a regression model's target (its value), a binary model's positive
    /// class, otherwise the predicted class.
    /// </summary>
    internal static string Explained(ModelSignature signature, string predictedLabel) =>
        signature.IsRegression ? signature.Target ?? ValueName : signature.BinaryPositiveClass ?? predictedLabel;

    /// <summary>The score explained: a regression's value, a classifier's log-odds of the explained class.</summary>
    internal static double Score(Prediction prediction, string explained, bool regression) =>
        regression ? prediction.Value!.Value : LogOdds(prediction, explained);

    private static double LogOdds(Prediction prediction, string explained)
    {
        var probability = Math.Clamp(prediction.Probabilities.GetValueOrDefault(explained), Floor, 1 - Floor);
        return Math.Log(probability / (1 - probability));
    }
}
