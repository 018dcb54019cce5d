global using Forum.Tests.Support;
