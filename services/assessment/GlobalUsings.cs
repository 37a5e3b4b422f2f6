// What nearly every file of this service uses besides the namespaces Directory.Build.props gives all five.
global using PartyGrid.Assessment.Data;
global using PartyGrid.Assessment.Scoring;
