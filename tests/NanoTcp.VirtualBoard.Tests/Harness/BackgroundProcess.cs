using System;
using System.Diagnostics;
using System.Text;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// A process started by a test (iperf, the board executable, tmux): its output is collected, and Dispose ends
    /// it by its own PID — first SIGTERM so it can clean up, then SIGKILL — if it is still running.
    /// </summary>
    public sealed class BackgroundProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();

        /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>.</summary>
        public BackgroundProcess(string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in args) psi.ArgumentList.Add(a);
            _process = new Process { StartInfo = psi };
            _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>The process id.</summary>
        public int Pid => _process.Id;

        /// <summary>True once it has exited.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>Its exit code (after exit).</summary>
        public int ExitCode => _process.ExitCode;

        /// <summary>Standard output and error so far.</summary>
        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>Sends SIGTERM (the board's clean-stop path) to this process only.</summary>
        public void Terminate()
        {
            if (!_process.HasExited) Signals.Send(_process.Id, Signals.SigTerm);
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for exit.</summary>
        public bool WaitForExit(int timeoutMs)
        {
            if (!_process.WaitForExit(timeoutMs)) return false;
            _process.WaitForExit(); // flushes the asynchronous output readers
            return true;
        }

        /// <summary>Ends the process by PID if it still runs: SIGTERM, then SIGKILL after 3 s.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    Terminate();
                    if (!_process.WaitForExit(3000)) _process.Kill(true);
                    _process.WaitForExit(3000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
        }
    }

    /// <summary>kill(2) for one PID.</summary>
    public static class Signals
    {
        /// <summary>SIGTERM.</summary>
        public const int SigTerm = 15;

        /// <summary>SIGINT (Ctrl+C).</summary>
        public const int SigInt = 2;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Kill(int pid, int signal);

        /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
        public static void Send(int pid, int signal)
        {
            if (pid > 0) Kill(pid, signal);
        }
    }
}
