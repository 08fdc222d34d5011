using Microsoft.VisualStudio.TestTools.UnitTesting;

// Each test owns a namespace and a board thread; running them one after another keeps the two cores for the
// board and the kernel, so timing-sensitive exchanges are not starved.
[assembly: DoNotParallelize]
