using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataTreatment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefaultTreatment",
                table: "deployments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "drop");

            migrationBuilder.AddColumn<string>(
                name: "TreatmentsJson",
                table: "deployments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonalDataJson",
                table: "dataset_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TreatmentJson",
                table: "dataset_versions",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultTreatment",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "TreatmentsJson",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "PersonalDataJson",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "TreatmentJson",
                table: "dataset_versions");
        }
    }
}
