using PartyGrid.Identity.Accounts;

namespace PartyGrid.Identity.Tests;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Ab1!", "password-too-short")]
    [InlineData("abcdefgh", "password-too-simple")]
    [InlineData("abcdefg1", "password-too-simple")]
    [InlineData("xWangLi-2026", "password-contains-user-name")]
    [InlineData("Wangli-2026x", "password-contains-user-name")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string code) =>
        Assert.Equal(code, PasswordRules.Weakness("wangli", password)?.Code);

    [Theory]
    [InlineData("abcdef12!")]
    [InlineData("ABCdef12")]
    [InlineData("Zhang-San-Li")]
    public void Three_of_four_classes_and_eight_characters_pass(string password) =>
        Assert.Null(PasswordRules.Weakness("wangli", password));

    [Fact]
    public void One_time_passwords_always_meet_the_rules()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Null(PasswordRules.Weakness("someone", PasswordRules.OneTime()));
        }
    }
}
