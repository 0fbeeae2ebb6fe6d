using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Api.Registry;
using Platform.Portal.Components.Shared;
using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>The monitoring sections' markup, rendered as HTML: what a browser test finds in them.</summary>
public sealed class ComponentRenderingTests
{
    private static readonly Guid Model = Guid.NewGuid();
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_psi_chart_draws_a_line_per_feature_a_dashed_threshold_and_a_marker_per_drifted_window()
    {
        var windows = Enumerable.Range(0, 4)
            .Select(i => new DriftWindowResponse(Start.AddMinutes(5 * i), Start.AddMinutes(5 * i + 5), 500, Model,
                Enumerable.Range(0, 8).ToDictionary(f => $"f{f}", f => 0.01 * f * (i + 1)), 0.07 * (i + 1), i == 3 ? ["f7"] : [], i == 3))
            .ToArray();

        var html = await RenderAsync<PsiChart>(new() { [nameof(PsiChart.Windows)] = windows, [nameof(PsiChart.Threshold)] = 0.2 });

        Assert.Equal(6, Count(html, "<polyline"));
        Assert.Equal(6, Count(html, "data-psi-feature="));
        Assert.Contains("data-psi-feature=\"f7\"", html);
        Assert.DoesNotContain("data-psi-feature=\"f0\"", html);
        Assert.Contains("data-psi-threshold=\"0.2\"", html);
        Assert.Contains("class=\"psi-threshold\"", html);
        Assert.Equal(1, Count(html, "data-drift-marker="));
    }

    [Fact]
    public async Task A_section_whose_api_is_not_served_says_it_is_not_available_yet()
    {
        var html = await RenderAsync<AnswerView<DriftWindowResponse[]>>(new()
        {
            [nameof(AnswerView<DriftWindowResponse[]>.Answer)] = ServiceAnswer<DriftWindowResponse[]>.NotServed,
            [nameof(AnswerView<DriftWindowResponse[]>.What)] = "Drift monitoring",
            [nameof(AnswerView<DriftWindowResponse[]>.Unknown)] = "unknown",
            [nameof(AnswerView<DriftWindowResponse[]>.ChildContent)] = (RenderFragment<DriftWindowResponse[]>)(_ => b => b.AddContent(0, "CONTENT")),
        });

        Assert.Contains("Drift monitoring is not available yet.", html);
        Assert.DoesNotContain("CONTENT", html);
    }

    [Fact]
    public async Task A_section_shows_its_content_once_answered()
    {
        var html = await RenderAsync<AnswerView<DriftWindowResponse[]>>(new()
        {
            [nameof(AnswerView<DriftWindowResponse[]>.Answer)] = ServiceAnswer<DriftWindowResponse[]>.Of([]),
            [nameof(AnswerView<DriftWindowResponse[]>.What)] = "Drift monitoring",
            [nameof(AnswerView<DriftWindowResponse[]>.Unknown)] = "unknown",
            [nameof(AnswerView<DriftWindowResponse[]>.ChildContent)] = (RenderFragment<DriftWindowResponse[]>)(w => b => b.AddContent(0, $"CONTENT {w.Length}")),
        });

        Assert.Contains("CONTENT 0", html);
        Assert.DoesNotContain("not available", html);
    }

    [Fact]
    public async Task The_history_lists_retrainings_newest_first_with_their_decision()
    {
        RetrainingEpisodeResponse Episode(int minute, string state, string? decision) => new(
            Guid.NewGuid(), "drift", null, state, null, null, 300, null, null, null, 0.8, decision is null ? null : 0.81,
            new Dictionary<string, double>(), new Dictionary<string, double>(),
            decision, null, null, Start.AddMinutes(minute), null, null, null, null, decision is null ? null : 42.5);

        var html = await RenderAsync<RetrainingHistory>(new()
        {
            [nameof(RetrainingHistory.Episodes)] = new[] { Episode(0, "Rejected", "Rejected"), Episode(20, "Training", null), Episode(10, "Promoted", "Promoted") },
        });

        var order = new[] { "data-decision=\"in-progress\"", "data-decision=\"promoted\"", "data-decision=\"rejected\"" }.Select(d => html.IndexOf(d, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("42.5", html);
    }

    [Fact]
    public async Task Live_quality_stands_beside_the_champions_test_scores()
    {
        var champion = new ModelVersionResponse(Model, Guid.NewGuid(), 3, "int8", "Production", null, Guid.NewGuid(), Guid.NewGuid(),
            new Contracts.Training.ModelSpec("diabetes", "pos", "binary-classification", null, 42), new Contracts.ArtifactReference("file:///m.onnx", new string('a', 64), 1000),
            new Dictionary<string, double> { ["rocAuc"] = 0.83, ["accuracy"] = 0.77 }, 0.83, null, Start, Start, new Dictionary<string, double>(), null);

        var html = await RenderAsync<LiveQualityView>(new()
        {
            [nameof(LiveQualityView.Quality)] = new LiveQualityResponse(Model, 1234, 500, 0.79, 0.75, Start),
            [nameof(LiveQualityView.Champion)] = champion,
        });

        Assert.Matches(@"data-live=""labelledRows"">\s*1,234\s*<span> \(scores over the latest 500\)</span>", html);
        Assert.Contains("0.7900 (−0.0400)", html);
        Assert.Contains("data-champion=\"testAuc\">0.8300<", html);
        Assert.DoesNotContain("data-quality-other-version", html);
    }

    [Fact]
    public async Task The_reconciliation_line_says_what_was_re_sent_and_lists_the_hour_with_both_figures()
    {
        var gap = new Contracts.Api.Billing.UsageGapResponse("credit", Start, 4_000, 4_616, 3_952, 4_568, "Resend", 48, 48, 4_616);
        var run = new Contracts.Api.Billing.UsageReconciliationRunResponse(Guid.NewGuid(), Start.AddHours(1), Start.AddHours(-47), Start.AddMinutes(58),
            "Resent", true, 9_232, 9_184, 48, [gap]);

        var html = await RenderAsync<ReconciliationLine>(new() { [nameof(ReconciliationLine.Last)] = run, [nameof(ReconciliationLine.Now)] = Start.AddHours(1) });

        Assert.Contains("data-reconciliation=\"Resent\"", html);
        Assert.Contains("48 predictions missing from billing were re-sent; all 9,232 predictions billed.", html);
        Assert.Equal(1, Count(html, "data-reconciliation-gap=\"credit\""));
        Assert.Matches(@"data-gap-served[^>]*>4,616<", html);
        Assert.Matches(@"data-gap-billed[^>]*>4,568<", html);
        Assert.Contains("re-sent: 48 predictions added", html);
    }

    [Fact]
    public async Task Before_any_reconciliation_the_line_says_none_has_run_and_lists_nothing()
    {
        var html = await RenderAsync<ReconciliationLine>(new() { [nameof(ReconciliationLine.Last)] = null, [nameof(ReconciliationLine.Now)] = Start });

        Assert.Contains("data-reconciliation=\"none\"", html);
        Assert.Contains("Usage has not been reconciled with serving yet.", html);
        Assert.DoesNotContain("data-reconciliation-gap", html);
    }

    [Fact]
    public async Task The_model_comparison_says_why_a_variant_does_not_serve()
    {
        var spec = new Contracts.Training.ModelSpec("Status", "bad", "binary-classification", null, 42);
        var fp32 = new ModelVersionResponse(Model, Guid.NewGuid(), 1, "fp32", "Production", null, Guid.NewGuid(), Guid.NewGuid(),
            spec, new Contracts.ArtifactReference("file:///a.onnx", new string('a', 64), 168_863),
            new Dictionary<string, double> { ["rocAuc"] = 0.8464 }, 0.8464, null, Start, Start, new Dictionary<string, double>(), null);
        var int8 = new ModelVersionResponse(Guid.NewGuid(), Guid.NewGuid(), 2, "int8", "Candidate", Model, Guid.NewGuid(), Guid.NewGuid(),
            spec, new Contracts.ArtifactReference("file:///b.onnx", new string('b', 64), 49_546),
            new Dictionary<string, double> { ["rocAuc"] = 0.8464 }, 0.8464, new CompressionReportResponse(0.29, 0, 0.0149, 0.045, 0.0145, 0.056),
            Start, null, new Dictionary<string, double>(), null, "slower than its parent at batch 1: 14.9 µs against 14.5 µs");

        var html = await RenderAsync<ModelComparison>(new()
        {
            [nameof(ModelComparison.Versions)] = new[] { fp32, int8 },
            [nameof(ModelComparison.ChampionId)] = fp32.Id,
        });

        Assert.Equal(1, Count(html, "data-promotion-refusal"));
        Assert.Contains("not promoted: slower than its parent at batch 1: 14.9 µs against 14.5 µs", html);
        Assert.Equal(1, Count(html, ">serving<"));
    }

    [Fact]
    public async Task The_family_leaderboard_lists_the_best_on_validation_first_and_marks_the_chosen_one()
    {
        // The trees are best on test but not on validation: the table orders and marks by validation only.
        Contracts.Training.CandidateScore[] candidates =
        [
            new("logistic-regression", 0.8231, 0.8343, 4_100, 0.1, false),
            new("boosted-trees", 0.8352, 0.8580, 70_600, 1.2, false),
            new("mlp", 0.8373, 0.8464, 168_863, 1.6, true),
        ];

        var html = await RenderAsync<FamilyLeaderboard>(new() { [nameof(FamilyLeaderboard.Candidates)] = candidates });

        var rows = new[] { "mlp", "boosted-trees", "logistic-regression" }.Select(f => html.IndexOf($"data-family=\"{f}\"", StringComparison.Ordinal)).ToArray();
        Assert.All(rows, i => Assert.True(i >= 0));
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(1, Count(html, "data-chosen"));
        Assert.True(html.IndexOf("data-chosen", StringComparison.Ordinal) < rows[1], "the chosen chip is on the mlp row");
        Assert.Contains("0.8373", html);
        Assert.Contains("0.8580", html);
    }

    [Fact]
    public async Task The_leaderboard_orders_by_cross_validation_where_it_chose_and_shows_the_blend()
    {
        // Validation alone would put the MLP first; the folds chose the blend, and the table follows them.
        Contracts.Training.CandidateScore[] candidates =
        [
            new("logistic-regression", 0.8231, 0.8343, 4_100, 0.1, false, 0.8299),
            new("boosted-trees", 0.8352, 0.8580, 70_600, 1.2, false, 0.8301),
            new("mlp", 0.8373, 0.8464, 168_863, 1.6, false, 0.8363),
            new("blend", 0.8409, 0.8567, 240_000, 2.8, true, 0.8410),
        ];

        var html = await RenderAsync<FamilyLeaderboard>(new() { [nameof(FamilyLeaderboard.Candidates)] = candidates });

        var rows = new[] { "blend", "mlp", "boosted-trees", "logistic-regression" }.Select(f => html.IndexOf($"data-family=\"{f}\"", StringComparison.Ordinal)).ToArray();
        Assert.All(rows, i => Assert.True(i >= 0));
        Assert.Equal(rows.Order(), rows);
        Assert.True(html.IndexOf("data-chosen", StringComparison.Ordinal) < rows[1], "the chosen chip is on the blend row");
        Assert.Contains("cross-validation ROC-AUC", html);
        Assert.Contains("0.8410", html);
    }

    [Fact]
    public async Task An_explanation_draws_a_bar_for_each_shown_input_and_one_for_the_rest_with_the_sign_in_its_colour()
    {
        var explanation = new ExplanationResponse("pos", -1.2, 0.9,
            [new FeatureContribution("glucose", 1.5), new FeatureContribution("age", -0.4), new FeatureContribution("mass", 0.3)], 0.7, "sampled-shapley", 4);

        var html = await RenderAsync<ExplanationBars>(new() { [nameof(ExplanationBars.Explanation)] = explanation });

        Assert.Equal(4, Count(html, "data-contribution="));
        Assert.Contains("data-contribution=\"other inputs\"", html);
        Assert.True(html.IndexOf("data-contribution=\"glucose\"", StringComparison.Ordinal) < html.IndexOf("data-contribution=\"age\"", StringComparison.Ordinal));
        Assert.Contains("-0.400", html);
        Assert.Equal(1, Count(html, "mud-progress-linear-color-error"));
        Assert.Contains("from -1.20 with every input unknown to +0.90", html);
        Assert.Contains("sampled from 4 orders", html);
    }

    [Fact]
    public async Task A_text_explanation_highlights_its_words_in_the_text_by_the_sign_of_their_credit()
    {
        const string text = "Delicious coffee, but the bag arrived torn.";
        var explanation = new ExplanationResponse("great", 0.1, 0.6,
            [new FeatureContribution("torn", -0.7, 38, 4), new FeatureContribution("Delicious", 0.6, 0, 9), new FeatureContribution("coffee", 0.4, 10, 6)], 0.2, "occlusion", 0);

        var html = await RenderAsync<TextHighlights>(new() { [nameof(TextHighlights.Text)] = text, [nameof(TextHighlights.Explanation)] = explanation });

        Assert.Equal(3, Count(html, "data-highlight="));
        Assert.Contains("data-highlight=\"Delicious\" data-contribution-sign=\"+\"", html);
        Assert.Contains("data-highlight=\"torn\" data-contribution-sign=\"-\"", html);
        // Every character of the text is there once, in order: the words highlighted in place.
        Assert.Equal(text, Regex.Replace(html, "<[^>]+>", "").Trim());
        var bars = await RenderAsync<ExplanationBars>(new() { [nameof(ExplanationBars.Explanation)] = explanation });
        Assert.Contains("what taking it out of the text changes", bars);
    }

    [Fact]
    public async Task A_tree_explanation_says_its_credits_are_exact_and_names_no_orders()
    {
        var explanation = new ExplanationResponse("yes", 0.2, 1.1, [new FeatureContribution("tenure", 0.9)], 0, "tree-shap", 0);

        var html = await RenderAsync<ExplanationBars>(new() { [nameof(ExplanationBars.Explanation)] = explanation });

        Assert.Contains("exact Shapley values, computed from the trees", html);
        Assert.DoesNotContain("orders", html);
    }

    [Fact]
    public async Task A_network_explanation_says_it_is_deeplift_an_approximation_and_names_no_orders()
    {
        var explanation = new ExplanationResponse("yes", 0.2, 1.1, [new FeatureContribution("tenure", 0.9)], 0, "deeplift", 0);

        var html = await RenderAsync<ExplanationBars>(new() { [nameof(ExplanationBars.Explanation)] = explanation });

        Assert.Contains("DeepLIFT: the network's change from the baseline, shared along its weights (an approximation of Shapley values)", html);
        Assert.DoesNotContain("orders", html);
    }

    [Fact]
    public async Task The_profile_names_the_personal_data_found_with_masked_examples_and_never_the_values()
    {
        const string csv = "customer_name,email,amount\nMaria Garcia,maria.garcia@example.com,120\nJohn Smith,john.smith@example.org,80\n";
        var profile = Platform.Tabular.DatasetProfiler.Profile(Platform.Tabular.CsvTableReader.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv))));
        var response = new Platform.Tabular.Api.DatasetProfileResponse("customers", 1, null, profile.Rows, profile.Schema(), profile.Columns);

        var html = await RenderAsync<ProfileView>(new() { [nameof(ProfileView.Profile)] = response });

        Assert.Contains("data-personal-data=\"2\"", html);
        Assert.Contains("person name in 2 values (e.g. M**** G*****, J*** S****)", html);
        Assert.Contains("email in 2 values (e.g. m***@***.com, j***@***.org)", html);
        Assert.Equal(2, Count(html, "data-personal-kind="));
        foreach (var raw in new[] { "Maria", "Garcia", "maria.garcia", "example.com", "John Smith" }) Assert.DoesNotContain(raw, html);
    }

    [Fact]
    public async Task A_text_column_shows_its_length_in_words_its_vocabulary_and_top_words()
    {
        var rows = Enumerable.Range(0, 150).Select(i => $"{i % 3},\"Lovely tea number {i}, lovely price\"");
        var csv = "stars,review\n" + string.Join("\n", rows);
        var profile = Platform.Tabular.DatasetProfiler.Profile(Platform.Tabular.CsvTableReader.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv))));
        var response = new Platform.Tabular.Api.DatasetProfileResponse("reviews", 1, null, profile.Rows, profile.Schema(), profile.Columns);

        var html = await RenderAsync<ProfileView>(new() { [nameof(ProfileView.Profile)] = response });

        // Each review: lovely, tea, number, i, lovely, price (6 words); 154 distinct words (lovely, tea, number, price, 150 numbers).
        Assert.Contains("6 words on average (at most 6) · vocabulary 154 words", html);
        Assert.Contains("Top words: lovely (300) · number (150) · price (150) · tea (150)", html);
        Assert.Single(Regex.Matches(html, "data-text-summary=")); // the numeric column has none
    }

    [Fact]
    public async Task An_image_datasets_profile_shows_its_shape_its_classes_and_a_gallery_of_thumbnails()
    {
        var shape = new Platform.Tabular.Images.ImageShape(1, 28, 28);
        var pixels = new byte[2 * shape.Values];
        pixels.AsSpan(shape.Values).Fill(255);
        var set = new Platform.Tabular.Images.ImageSet("manifest", shape, pixels, ["Bag", "Coat"], ["a.png", "b.png"], [new(56, 56, 2)])
        {
            SourceWidths = [56, 56],
            SourceHeights = [56, 56],
        };
        var profile = Platform.Tabular.Images.ImageProfiler.Profile(set);
        var response = new Platform.Tabular.Api.DatasetProfileResponse("products", 1, "label", profile.Rows, profile.Schema(), profile.Columns) { Images = profile.Images };

        var html = await RenderAsync<ProfileView>(new() { [nameof(ProfileView.Profile)] = response });

        Assert.Contains("data-image-profile=\"2\"", html);
        Assert.Matches(@"2 images \(files listed in a manifest\), brought to 28 × 28 pixels,\s+grayscale", html);
        Assert.Contains("Uploaded as 56×56 (2)", html);
        Assert.Contains("data-gallery=\"2\"", html);
        Assert.Contains("data-thumbnail=\"Bag\"", html);
        Assert.Contains($"src=\"data:image/png;base64,{profile.Images!.Thumbnails[1].Png}\"", html);
    }

    [Fact]
    public async Task An_image_explanation_outlines_each_credited_patch_where_it_is_in_the_image()
    {
        var explanation = new ExplanationResponse("Bag", 0.1, 2.0,
            [new FeatureContribution("x 4–7, y 8–11", 1.2, 8 * 28 + 4, 4), new FeatureContribution("x 0–3, y 0–3", -0.3, 0, 4)], 0.9, "occlusion", 0);

        var html = await RenderAsync<ImageHighlights>(new()
        {
            [nameof(ImageHighlights.Image)] = "iVBORw0KGgo=",
            [nameof(ImageHighlights.Shape)] = new Platform.Tabular.Images.ImageShape(1, 28, 28),
            [nameof(ImageHighlights.Explanation)] = explanation,
        });

        // Drawn 8× larger: the patch at x 4, y 8, four pixels a side, is 32 px at (32, 64).
        Assert.Contains("data-patch=\"x 4–7, y 8–11\" data-contribution-sign=\"+\"", html);
        Assert.Matches("left: 32px; top: 64px; width: 32px; height: 32px", html);
        Assert.Contains("data-patch=\"x 0–3, y 0–3\" data-contribution-sign=\"-\"", html);
        var bars = await RenderAsync<ExplanationBars>(new() { [nameof(ExplanationBars.Explanation)] = explanation });
        Assert.Contains("each patch's credit is what covering it (with the image's mean) changes", bars);
    }

    [Fact]
    public async Task The_lineage_shows_a_private_models_epsilon_and_delta_on_every_node_that_carries_them()
    {
        var spec = new Contracts.Training.ModelSpec("diabetes", "pos", "binary-classification", null, 42, TargetEpsilon: 4);
        ModelVersionResponse Version(string technique, Guid? parent, double epsilon) => new(Guid.NewGuid(), Guid.NewGuid(), parent is null ? 1 : 2, technique, "Production", parent,
            Guid.NewGuid(), Guid.NewGuid(), spec, new Contracts.ArtifactReference("file:///m.onnx", new string('b', 64), 1000),
            new Dictionary<string, double> { ["rocAuc"] = 0.817, ["epsilon"] = epsilon, ["delta"] = 1e-5 }, 0.817, null, Start, Start, new Dictionary<string, double>(), null);
        var trained = Version("fp32", null, 3.9955);
        var int8 = Version("int8", trained.Id, 3.9955);

        var html = await RenderAsync<LineageView>(new() { [nameof(LineageView.Lineage)] = new LineageResponse(int8, [trained], null, null) });

        Assert.Equal(2, Count(html, "DP-SGD: ε 4, δ 1E-05"));
        Assert.Contains("data-lineage-privacy=\"int8\"", html);
    }

    [Fact]
    public async Task The_privacy_chart_places_each_private_model_at_its_epsilon_and_the_non_private_one_as_a_level()
    {
        PrivacyUtilityPoint Point(string name, double? epsilon, double metric) => new(name, Guid.NewGuid(), "mlp", "fp32", epsilon, epsilon is null ? null : 1e-5, metric);
        var utility = new PrivacyUtilityResponse("credit", 1, "rocAuc",
            [Point("eps-1", 0.993, 0.8145), Point("eps-2", 1.998, 0.8326), Point("eps-4", 3.996, 0.8336), Point("eps-8", 7.99, 0.8319), Point("plain", null, 0.8464)]);

        var html = await RenderAsync<PrivacyUtilityChart>(new() { [nameof(PrivacyUtilityChart.Utility)] = utility });

        Assert.Contains("data-privacy-utility=\"5\"", html);
        Assert.Equal(4, Count(html, "data-privacy-point="));
        Assert.Contains("data-privacy-point=\"3.996\"", html);
        Assert.Contains("plain, no DP: 0.846", html);
        Assert.Contains("eps-4: ε 4, δ 1E-05, ROC-AUC 0.834", html);
        // The axis spans the metrics to the next 0.02, not from zero: 0.80 to 0.86.
        Assert.Contains(">0.80</text>", html);
        Assert.Contains(">0.86</text>", html);
        Assert.DoesNotContain(">0.00</text>", html);
    }

    private static Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent =>
        ComponentHtml.RenderAsync<TComponent>(parameters);

    private static int Count(string html, string text) => ComponentHtml.Count(html, text);
}
