// The namespaces nearly every file of this service uses; files add only what is particular to them.
global using PartyGrid.Contracts;
global using PartyGrid.ServiceDefaults.Problems;
global using Microsoft.EntityFrameworkCore;
global using PartyGrid.Assessment.Data;
global using PartyGrid.Assessment.Scoring;
