using Microsoft.VisualStudio.TestTools.UnitTesting;

// Every test runs real threads against two stacks; one at a time keeps the shared cores for them.
[assembly: DoNotParallelize]
