using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// The real <c>nanotcp-board</c> program run as a child process (<c>dotnet nanotcp-board.dll ARGS</c>), so
    /// tests cover its command line, namespace set-up and clean shut-down on SIGTERM.
    /// </summary>
    public sealed class BoardProcess : IDisposable
    {
        private readonly BackgroundProcess _process;

        /// <summary>Starts the board with <paramref name="args"/> and waits for its banner.</summary>
        public BoardProcess(params string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "nanotcp-board.dll");
            Assert.IsTrue(File.Exists(dll), "nanotcp-board.dll not next to the tests: " + dll);
            var all = new List<string> { dll };
            all.AddRange(args);
            _process = new BackgroundProcess("dotnet", all.ToArray());
        }

        /// <summary>The child's PID.</summary>
        public int Pid => _process.Pid;

        /// <summary>Everything it printed.</summary>
        public string Output => _process.Output;

        /// <summary>Waits until the banner's last line is printed (the board is running).</summary>
        public void WaitUntilRunning(int timeoutMs)
        {
            Wait.Until(() => Output.Contains("Ctrl+C stops the board") || _process.HasExited, timeoutMs, "the board's banner");
            Assert.IsFalse(_process.HasExited, "the board exited early:\n" + Output);
        }

        /// <summary>SIGTERM, then waits for a clean exit; returns the exit code.</summary>
        public int Stop(int timeoutMs)
        {
            _process.Terminate();
            Assert.IsTrue(_process.WaitForExit(timeoutMs), "the board did not stop within " + timeoutMs + " ms after SIGTERM");
            return _process.ExitCode;
        }

        /// <summary>Kills it by PID if it still runs.</summary>
        public void Dispose()
        {
            _process.Dispose();
        }
    }
}
