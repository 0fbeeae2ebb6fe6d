using System.Diagnostics;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx;
using Platform.Modeling.Onnx.Proto;
using Platform.Modeling.Text;
using Platform.Tabular;
using Platform.Tabular.Evaluation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Modeling.Training.Families;

/// <summary>
/// A pretrained encoder fine-tuned on the split's one free-text column (ADR 32): the text is
/// tokenized by the same graph nodes the file will hold; the embeddings and the lower layers keep
/// their weights, so their output is computed once per text; the layers above and a mean-pooling
/// head learn with AdamW over batches of texts of like length; the epoch best on the validation
/// rows is kept. The file takes the raw text and gives the classes' probabilities.
/// </summary>
public sealed class FineTunedEncoderFamily(string textColumn, PretrainedEncoder? encoder = null, TextModelOptions? options = null) : IClassifierFamily
{
    private readonly PretrainedEncoder _encoder = encoder ?? PretrainedEncoder.MiniLm;
    private readonly TextModelOptions _options = options ?? new TextModelOptions();

    public string Name => ModelFamilies.FineTunedEncoder;

    public FittedFamily Fit(TrainingSplit split, IProgress<EpochProgress>? progress = null, CancellationToken ct = default)
    {
        if (split.IsRegression)
            throw new InvalidTrainingDataException($"A text model learns classes; the column '{split.Table.Target}' is a regression target.");
        var column = split.Data.ColumnIndex(textColumn);
        if (column < 0) throw new InvalidTrainingDataException($"The text column '{textColumn}' is not in the data.");
        lock (NetworkFamily.TorchRandom) return FitExclusively(split, split.Data[column], progress, ct);
    }

    private FittedFamily FitExclusively(TrainingSplit split, TypedColumn column, IProgress<EpochProgress>? progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var pretrained = _encoder.ReadModel();
        var vocabulary = _encoder.ReadVocabulary();
        int[][] Tokens(TextTokenizer tokenizer, int[] rows) =>
            [.. tokenizer.Tokenize(rows.Select(column.Text).ToArray()).Select(ids => Array.ConvertAll(ids, id => (int)id))];
        int[][] train, validation, test;
        using (var tokenizer = new TextTokenizer(vocabulary, _options.MaxTokens))
        {
            train = Tokens(tokenizer, split.TrainRows);
            validation = Tokens(tokenizer, split.ValidationRows);
            test = Tokens(tokenizer, split.TestRows);
        }
        var hidden = _encoder.Hidden;
        // The frozen layers' output is kept for every text: its bytes are the fit's largest need.
        var cached = (long)train.Concat(validation).Concat(test).Sum(ids => ids.Length) * hidden * sizeof(float);
        split.Budget.Reserve(cached, $"fine-tuning caches the frozen layers' output of every text, {MemoryBudget.InMebibytes(cached)}");

        torch.set_num_threads(_options.Threads);
        torch.manual_seed(split.Seed);
        var graph = ModelProto.Parser.ParseFrom(pretrained).Graph;
        var weights = EncoderWeights.Named(graph);
        var vocabularySize = (int)weights["embeddings.word_embeddings.weight"].Dims[0];
        using var bert = new BertEncoder(vocabularySize, hidden, _encoder.Layers, _encoder.Heads) { Dropout = _options.Dropout };
        bert.Load(weights);
        using var head = new MeanPoolHead(hidden, split.Classes) { Dropout = _options.Dropout };
        var frozen = Math.Clamp(_options.FrozenLayers, 0, bert.LayerCount);

        var trainStates = Frozen(bert, train, frozen, ct);
        var validationStates = Frozen(bert, validation, frozen, ct);
        var testStates = Frozen(bert, test, frozen, ct);

        var learned = new List<(Parameter, double, bool)>();
        foreach (var (name, parameter, linear) in bert.Named())
        {
            var learns = name.StartsWith("encoder.layer.", StringComparison.Ordinal) && int.Parse(name.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture) >= frozen;
            parameter.requires_grad = learns;
            if (learns) learned.Add((parameter, _options.LearningRate, linear));
        }
        foreach (var parameter in head.parameters()) learned.Add((parameter, _options.HeadLearningRate, parameter.dim() == 2));
        using var optimizer = new RootedAdamW(learned, _options.WeightDecay);

        var shuffle = new Random(split.Seed);
        var steps = _options.Epochs * ((train.Length + _options.BatchSize - 1) / _options.BatchSize);
        var warmup = Math.Max(1, (int)(_options.Warmup * steps));
        var step = 0;
        var best = (Auc: double.NegativeInfinity, Epoch: 0, Weights: Snapshot(optimizer.Parameters));
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            bert.train();
            head.train();
            // Texts of like length share a batch (little padding); the batches' order is shuffled.
            var batches = Enumerable.Range(0, train.Length).OrderBy(i => train[i].Length + shuffle.NextDouble() * 8)
                .Chunk(_options.BatchSize).ToArray();
            shuffle.Shuffle(batches);
            double lossSum = 0;
            foreach (var batch in batches)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                step++;
                var schedule = step <= warmup ? step / (double)warmup : Math.Max(0, (steps - step) / (double)(steps - warmup));
                var (x, additive, mask) = Batch(trainStates, train, batch, hidden);
                var logits = head.forward(bert.Layers(x, additive, frozen, bert.LayerCount), mask);
                var loss = nn.functional.cross_entropy(logits, tensor(batch.Select(i => (long)split.TrainLabels[i]).ToArray()));
                optimizer.ZeroGrad();
                loss.backward();
                nn.utils.clip_grad_norm_(optimizer.Parameters, 1.0);
                optimizer.Step(schedule);
                lossSum += loss.item<float>() * batch.Length;
            }
            var scores = Scores(bert, head, validationStates, validation, frozen, split.Classes);
            var auc = split.ValidationQuality(scores);
            progress?.Report(new EpochProgress(epoch, _options.Epochs, lossSum / train.Length, CrossEntropy(scores, split.ValidationLabels, split.Classes), auc, stopwatch.Elapsed));
            if (auc > best.Auc)
            {
                DisposeAll(best.Weights);
                best = (auc, epoch, Snapshot(optimizer.Parameters));
            }
        }
        Restore(optimizer.Parameters, best.Weights);
        DisposeAll(best.Weights);
        var testScores = Scores(bert, head, testStates, test, frozen, split.Classes);
        var file = FineTunedEncoderWriter.Write(pretrained, _encoder, vocabulary, _options.MaxTokens, bert, head,
            textColumn, split.Table.Classes, split.Table.Target, Name);
        split.Budget.Release(cached);
        return new FittedFamily(Name, file, testScores, best.Epoch);
    }

    /// <summary>The frozen layers' output for each text at its own length (no padding), once.</summary>
    private static float[][] Frozen(BertEncoder bert, int[][] texts, int frozen, CancellationToken ct)
    {
        var hidden = (int)bert.Named().First().Value.shape[1];
        var states = new float[texts.Length][];
        bert.eval();
        using var _ = no_grad();
        foreach (var batch in Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).Chunk(64))
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (ids, additive, _) = Padded(texts, batch);
            var output = bert.Layers(bert.Embed(ids), additive, 0, frozen).contiguous();
            var tokens = (int)output.shape[1];
            var flat = output.data<float>().ToArray();
            for (var b = 0; b < batch.Length; b++)
                states[batch[b]] = flat.AsSpan(b * tokens * hidden, texts[batch[b]].Length * hidden).ToArray();
        }
        return states;
    }

    private static (Tensor Ids, Tensor Additive, Tensor Mask) Padded(int[][] texts, int[] batch)
    {
        var tokens = batch.Max(i => texts[i].Length);
        var ids = new long[batch.Length * tokens];
        var mask = new float[batch.Length * tokens];
        for (var b = 0; b < batch.Length; b++)
            for (var t = 0; t < texts[batch[b]].Length; t++)
            {
                ids[b * tokens + t] = texts[batch[b]][t];
                mask[b * tokens + t] = 1;
            }
        var lengths = batch.Select(i => texts[i].Length).ToArray();
        return (tensor(ids, [batch.Length, tokens]), BertEncoder.AdditiveMask(lengths, tokens), tensor(mask, [batch.Length, tokens]));
    }

    /// <summary>A batch of cached states padded to its longest text, its additive mask and its token mask.</summary>
    private static (Tensor States, Tensor Additive, Tensor Mask) Batch(float[][] states, int[][] texts, int[] batch, int hidden)
    {
        var tokens = batch.Max(i => texts[i].Length);
        var x = new float[batch.Length * tokens * hidden];
        var mask = new float[batch.Length * tokens];
        for (var b = 0; b < batch.Length; b++)
        {
            states[batch[b]].CopyTo(x.AsSpan(b * tokens * hidden));
            mask.AsSpan(b * tokens, texts[batch[b]].Length).Fill(1);
        }
        var lengths = batch.Select(i => texts[i].Length).ToArray();
        return (tensor(x, [batch.Length, tokens, hidden]), BertEncoder.AdditiveMask(lengths, tokens), tensor(mask, [batch.Length, tokens]));
    }

    /// <summary>Each text's class probabilities, row-major, in the texts' order.</summary>
    private static float[] Scores(BertEncoder bert, MeanPoolHead head, float[][] states, int[][] texts, int frozen, int classes)
    {
        bert.eval();
        head.eval();
        var hidden = (int)head.Classifier.weight!.shape[1];
        var scores = new float[texts.Length * classes];
        using var _ = no_grad();
        foreach (var batch in Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).Chunk(64))
        {
            using var scope = NewDisposeScope();
            var (x, additive, mask) = Batch(states, texts, batch, hidden);
            var probabilities = nn.functional.softmax(head.forward(bert.Layers(x, additive, frozen, bert.LayerCount), mask), 1).data<float>().ToArray();
            for (var b = 0; b < batch.Length; b++)
                for (var c = 0; c < classes; c++) scores[batch[b] * classes + c] = probabilities[b * classes + c];
        }
        return scores;
    }

    /// <summary>The mean negative log-likelihood of the labels under the probabilities (row-major [rows, classes]).</summary>
    private static double CrossEntropy(float[] probabilities, int[] labels, int classes)
    {
        double sum = 0;
        for (var i = 0; i < labels.Length; i++) sum -= Math.Log(Math.Max(probabilities[i * classes + labels[i]], 1e-7));
        return labels.Length == 0 ? 0 : sum / labels.Length;
    }

    private static Tensor[] Snapshot(IEnumerable<Parameter> parameters) =>
        [.. parameters.Select(p => p.detach().clone().DetachFromDisposeScope())];

    private static void Restore(IEnumerable<Parameter> parameters, Tensor[] values)
    {
        using var _ = no_grad();
        foreach (var (parameter, value) in parameters.Zip(values)) parameter.copy_(value);
    }

    private static void DisposeAll(Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }
}
