using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Training.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ModelFamilies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Candidates",
                table: "training_runs",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Family",
                table: "training_runs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // Rows from before families were compared have none: an empty list, not a missing one.
            migrationBuilder.Sql("""UPDATE training_runs SET "Candidates" = '[]'::jsonb WHERE "Candidates" IS NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Candidates",
                table: "training_runs");

            migrationBuilder.DropColumn(
                name: "Family",
                table: "training_runs");
        }
    }
}
