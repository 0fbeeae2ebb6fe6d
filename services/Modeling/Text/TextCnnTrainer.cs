using Platform.Tabular;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Modeling.Text;

/// <summary>
/// What a <see cref="TextCnn"/> learns from and how, whether from the labels alone
/// (<see cref="TextCnnFamily"/>) or from a teacher's probabilities beside them
/// (<see cref="TextDistiller"/>): the split's texts as WordPiece ids, cut to the ids the train texts
/// use, and a training loop that keeps the epoch best on the validation rows.
/// </summary>
internal static class TextCnnTrainer
{
    /// <summary>[PAD], [UNK], [CLS], [SEP] in a BERT vocabulary: kept whatever the train texts hold.</summary>
    private static readonly int[] SpecialIds = [0, 100, 101, 102];
    private const int UnknownId = 100;

    /// <summary>
    /// The split's texts as ids into the student's own vocabulary: the ids the train texts use (any
    /// other reads as [UNK], which a network that never saw the word could not place anyway).
    /// <see cref="TextIds.Remap"/> maps every id of the full vocabulary to the student's, for its file.
    /// </summary>
    /// <paramref name="extra"/> are more texts to learn from beside the train rows (a teacher's
    /// transfer set), each with its label.
    public static TextIds Tokenize(TrainingSplit split, TypedColumn column, string vocabulary, int maxTokens, int vocabularySize,
        IReadOnlyList<(string Text, int Label)>? extra = null)
    {
        int[][] train, validation, test;
        extra ??= [];
        using (var tokenizer = new TextTokenizer(vocabulary, maxTokens))
        {
            int[][] Ids(IReadOnlyList<string?> texts) => [.. tokenizer.Tokenize(texts).Select(ids => Array.ConvertAll(ids, id => (int)id))];
            int[][] Tokens(int[] rows) => Ids(rows.Select(column.Text).ToArray());
            (train, validation, test) = ([.. Tokens(split.TrainRows), .. Ids([.. extra.Select(e => e.Text)])], Tokens(split.ValidationRows), Tokens(split.TestRows));
        }
        var kept = new SortedSet<int>(SpecialIds);
        foreach (var ids in train) kept.UnionWith(ids);
        var keptIds = kept.ToArray();
        var remap = new long[vocabularySize];
        Array.Fill(remap, Array.IndexOf(keptIds, UnknownId));
        for (var i = 0; i < keptIds.Length; i++) remap[keptIds[i]] = i;
        int[][] Remap(int[][] texts) => [.. texts.Select(ids => Array.ConvertAll(ids, id => (int)remap[id]))];
        return new TextIds(Remap(train), [.. split.TrainLabels, .. extra.Select(e => e.Label)], Remap(validation), Remap(test), keptIds, remap);
    }

    /// <summary>
    /// Trains <paramref name="student"/> on the train texts' labels and, when given, a teacher's
    /// probabilities for them (row-major [train texts, classes]) softened at the options' temperature;
    /// restores the epoch best on validation and returns its class probabilities for the test texts.
    /// </summary>
    public static (float[] TestScores, int Epoch) Train(TextCnn student, TrainingSplit split, TextIds texts, float[]? teacher,
        TextStudentOptions options, CancellationToken ct)
    {
        var (train, classes) = (texts.Train, split.Classes);
        var softened = teacher is null ? null : Softened(teacher, classes, options.Temperature);
        var teacherWeight = softened is null ? 0 : options.TeacherWeight;
        var parameters = student.parameters().Select(p => (p, options.LearningRate, false)).ToArray();
        using var optimizer = new RootedAdamW(parameters, 0);
        using var temperature = options.Temperature.ToScalar();
        // The soft term's gradients shrink as 1/T²: scaled back, as Hinton et al. do.
        using var softWeight = (teacherWeight * options.Temperature * options.Temperature).ToScalar();
        using var labelWeight = (1 - teacherWeight).ToScalar();
        var shuffle = new Random(split.Seed);
        var steps = options.Epochs * ((train.Length + options.BatchSize - 1) / options.BatchSize);
        var step = 0;
        var best = (Auc: double.NegativeInfinity, Epoch: 0, Weights: Snapshot(student));
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            student.train();
            var batches = Enumerable.Range(0, train.Length).OrderBy(i => train[i].Length + shuffle.NextDouble() * 8).Chunk(options.BatchSize).ToArray();
            shuffle.Shuffle(batches);
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                step++;
                var (ids, penalty, mask) = Batch(train, batch);
                var logits = student.Forward(ids, penalty, mask);
                var loss = nn.functional.cross_entropy(logits, tensor(batch.Select(i => (long)texts.TrainLabels[i]).ToArray())).mul(labelWeight);
                if (softened is not null)
                {
                    var soft = tensor(batch.SelectMany(i => softened.AsSpan(i * classes, classes).ToArray()).ToArray(), [batch.Length, classes]);
                    var distilled = -(soft * nn.functional.log_softmax(logits.div(temperature), 1)).sum(1).mean();
                    loss = distilled.mul(softWeight).add(loss, RootedScalars.One);
                }
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(1.0 - (step - 1.0) / steps);
            }
            var auc = split.ValidationQuality(Scores(student, texts.Validation, classes));
            if (auc > best.Auc)
            {
                DisposeAll(best.Weights);
                best = (auc, epoch, Snapshot(student));
            }
        }
        using (no_grad())
            foreach (var (parameter, value) in student.parameters().Zip(best.Weights)) parameter.copy_(value);
        DisposeAll(best.Weights);
        return (Scores(student, texts.Test, classes), best.Epoch);
    }

    /// <summary>The teacher's logits up to a constant, softened: softmax(log p / T).</summary>
    internal static float[] Softened(float[] teacher, int classes, double temperature)
    {
        var softened = new float[teacher.Length];
        for (var i = 0; i < teacher.Length; i += classes)
        {
            double sum = 0;
            for (var c = 0; c < classes; c++) sum += Math.Pow(Math.Max(teacher[i + c], 1e-7), 1 / temperature);
            for (var c = 0; c < classes; c++) softened[i + c] = (float)(Math.Pow(Math.Max(teacher[i + c], 1e-7), 1 / temperature) / sum);
        }
        return softened;
    }

    private static Tensor[] Snapshot(TextCnn student) => [.. student.parameters().Select(p => p.detach().clone().DetachFromDisposeScope())];

    private static void DisposeAll(Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }

    private static (Tensor Ids, Tensor Penalty, Tensor Mask) Batch(int[][] texts, int[] batch)
    {
        var tokens = batch.Max(i => texts[i].Length);
        var ids = new long[batch.Length * tokens];
        var penalty = new float[batch.Length * tokens];
        var mask = new float[batch.Length * tokens];
        for (var b = 0; b < batch.Length; b++)
        {
            var text = texts[batch[b]];
            for (var t = 0; t < tokens; t++)
            {
                if (t < text.Length) { ids[b * tokens + t] = text[t]; mask[b * tokens + t] = 1; }
                else penalty[b * tokens + t] = -10000f;
            }
        }
        return (tensor(ids, [batch.Length, tokens]), tensor(penalty, [batch.Length, 1, tokens]), tensor(mask, [batch.Length, 1, tokens]));
    }

    private static float[] Scores(TextCnn student, int[][] texts, int classes)
    {
        student.eval();
        var scores = new float[texts.Length * classes];
        using var _ = no_grad();
        foreach (var batch in Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).Chunk(64))
        {
            using var scope = NewDisposeScope();
            var (ids, penalty, mask) = Batch(texts, batch);
            var probabilities = nn.functional.softmax(student.Forward(ids, penalty, mask), 1).data<float>().ToArray();
            for (var b = 0; b < batch.Length; b++)
                for (var c = 0; c < classes; c++) scores[batch[b] * classes + c] = probabilities[b * classes + c];
        }
        return scores;
    }
}

/// <summary>
/// The split's texts as ids into a student's vocabulary (<see cref="KeptIds"/>, ids of the full
/// vocabulary, in order), and <see cref="Remap"/>: each full-vocabulary id's student id. The train
/// texts are the train rows' and then any extra ones, with their labels.
/// </summary>
internal sealed record TextIds(int[][] Train, int[] TrainLabels, int[][] Validation, int[][] Test, int[] KeptIds, long[] Remap);
