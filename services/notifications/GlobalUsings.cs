// What nearly every file of this service uses besides the namespaces Directory.Build.props gives all services.
global using PartyGrid.ServiceDefaults.Identity;
global using PartyGrid.Notifications.Data;
global using PartyGrid.Notifications.Domain;
