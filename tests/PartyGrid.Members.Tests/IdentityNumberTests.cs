using PartyGrid.Members.Domain;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

public sealed class IdentityNumberTests
{
    private static readonly DateOnly Birth = new(1985, 3, 7);

    [Fact]
    public void A_valid_number_gives_its_birth_date_and_gender()
    {
        Assert.True(IdentityNumber.TryParse(IdNumbers.For(Birth, male: true), out var man, out _));
        Assert.Equal(Birth, man.BirthDate);
        Assert.Equal(Gender.Male, man.Gender);

        Assert.True(IdentityNumber.TryParse(IdNumbers.For(Birth, male: false), out var woman, out _));
        Assert.Equal(Gender.Female, woman.Gender);
    }

    [Theory]
    [InlineData("11010519491231002X", true, "")] // the standard's own example
    [InlineData("11010519491231002x", true, "")] // lowercase x accepted
    [InlineData("１１０１０５１９４９１２３１００２Ｘ", true, "")] // full-width, as Chinese input methods type it
    [InlineData("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", false, "must be 17 digits followed by a digit or X")]
    [InlineData("110105194912310021", false, IdentityNumber.Unusable)]
    [InlineData("110105194913310028", false, "does not contain a valid birth date")]
    [InlineData("110105194902300028", false, "does not contain a valid birth date")]
    [InlineData("11010519491231002", false, "must be 18 characters")]
    [InlineData("11010519491231002X1", false, "must be 18 characters")]
    [InlineData("", false, "must be 18 characters")]
    [InlineData("1101051949123100AX", false, "must be 17 digits followed by a digit or X")]
    [InlineData("01010519491231002X", false, "must be 17 digits followed by a digit or X")]
    public void Numbers_are_checked_against_GB_11643(string text, bool valid, string problem)
    {
        Assert.Equal(valid, IdentityNumber.TryParse(text, out var number, out var reason));
        Assert.Equal(problem, reason);
        if (valid)
        {
            Assert.Equal("11010519491231002X", number.Value);
            Assert.Equal(new DateOnly(1949, 12, 31), number.BirthDate);
            Assert.Equal(Gender.Female, number.Gender);
        }
    }

    [Fact]
    public void Every_check_digit_but_the_right_one_is_refused()
    {
        var good = IdNumbers.For(Birth, male: true, serial: 17);
        var wrong = "0123456789X".Where(c => c != good[^1]).Select(c => good[..17] + c);
        Assert.All(wrong, w => Assert.False(IdentityNumber.TryParse(w, out _, out _)));
        Assert.True(IdentityNumber.TryParse(good, out _, out _));
    }

    [Fact]
    public void A_full_width_number_is_stored_as_its_ascii_form()
    {
        Assert.True(IdentityNumber.TryParse("１１０１０５１９４９１２３１００２ｘ", out var number, out _));
        Assert.Equal("11010519491231002X", number.Value);
    }
}
