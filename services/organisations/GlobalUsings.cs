// What nearly every file of this service uses besides the namespaces Directory.Build.props gives all five.
global using PartyGrid.ServiceDefaults.Identity;
global using PartyGrid.Organisations.Data;
global using PartyGrid.Organisations.Domain;
