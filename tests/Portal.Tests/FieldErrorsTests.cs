using System.Net;
using Platform.Portal.Components.Shared;
using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>A refused policy: each message at the field it is about, the rest in an alert.</summary>
public sealed class FieldErrorsTests
{
    private static readonly string[] Fields = [.. RetrainingPolicyForm.Fields];

    [Fact]
    public void A_validation_problems_errors_find_the_forms_fields_whatever_the_case()
    {
        var problem = Refusal(new()
        {
            ["psiThreshold"] = ["must be between 0 and 10."],
            ["WINDOWROWS"] = ["must be positive.", "must be at most 100000."],
        });

        var errors = FieldErrors.From(problem, Fields);

        Assert.Equal("must be between 0 and 10.", errors.Of(nameof(RetrainingPolicyForm.PsiThreshold)));
        Assert.Equal("must be positive. must be at most 100000.", errors.Of(nameof(RetrainingPolicyForm.WindowRows)));
        Assert.Null(errors.Of(nameof(RetrainingPolicyForm.CooldownSeconds)));
        Assert.Empty(errors.Others);
        Assert.True(errors.Any);
    }

    [Fact]
    public void A_json_path_names_the_field_it_ends_in()
    {
        var errors = FieldErrors.From(Refusal(new() { ["$.cooldownSeconds"] = ["The JSON value could not be converted."] }), Fields);

        Assert.Equal("The JSON value could not be converted.", errors.Of(nameof(RetrainingPolicyForm.CooldownSeconds)));
    }

    [Fact]
    public void An_error_about_no_field_of_the_form_goes_to_the_alert()
    {
        var errors = FieldErrors.From(Refusal(new() { ["policy"] = ["is required."], ["$"] = ["is not JSON."] }), Fields);

        Assert.Equal(["policy: is required.", "is not JSON."], errors.Others);
        Assert.All(Fields, f => Assert.Null(errors.Of(f)));
    }

    [Fact]
    public void A_problem_that_names_one_field_puts_its_detail_there()
    {
        var problem = new ServiceProblem(HttpStatusCode.BadRequest, "Invalid request", "minLabelledRows: must be at least 10", "minLabelledRows", null);

        var errors = FieldErrors.From(problem, Fields);

        Assert.Equal("minLabelledRows: must be at least 10", errors.Of(nameof(RetrainingPolicyForm.MinLabelledRows)));
        Assert.Empty(errors.Others);
    }

    [Fact]
    public void A_problem_without_fields_is_said_in_the_alert()
    {
        var errors = FieldErrors.From(new ServiceProblem(HttpStatusCode.BadRequest, "Bad request", "The policy is inconsistent.", null, null), Fields);

        Assert.Equal(["The policy is inconsistent."], errors.Others);
        Assert.False(FieldErrors.None.Any);
    }

    private static ServiceProblem Refusal(Dictionary<string, string[]> errors) =>
        new(HttpStatusCode.BadRequest, "One or more validation errors occurred.", null, null, null, errors);
}
