using System;
using System.Diagnostics;

namespace NanoTcp.VirtualBoard.Network
{
    /// <summary>
    /// Runs a short-lived command (ip, ss, ...) to completion with a time limit, killing it by its own PID when
    /// the limit passes. Set-up and tear-down only: allocates freely.
    /// </summary>
    public static class Shell
    {
        /// <summary>The outcome of one command.</summary>
        public sealed class Result
        {
            /// <summary>Exit code (-1 when it was killed or could not start).</summary>
            public int ExitCode;
            /// <summary>Everything it wrote to standard output.</summary>
            public string Output = "";
            /// <summary>Everything it wrote to standard error (or why it could not start).</summary>
            public string Error = "";

            /// <summary>True for exit code 0.</summary>
            public bool Ok => ExitCode == 0;
        }

        /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>, waiting at most <paramref name="timeoutMs"/>.</summary>
        public static Result Run(string file, string[] args, int timeoutMs = 10000)
        {
            var result = new Result { ExitCode = -1 };
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in args) psi.ArgumentList.Add(a);
            Process p;
            try
            {
                p = Process.Start(psi);
            }
            catch (Exception e)
            {
                result.Error = file + ": " + e.Message;
                return result;
            }
            using (p)
            {
                p.StandardInput.Close();
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(timeoutMs))
                {
                    try { p.Kill(true); } catch (InvalidOperationException) { }
                    p.WaitForExit(2000);
                    result.Error = file + " timed out after " + timeoutMs + " ms";
                    return result;
                }
                p.WaitForExit();
                result.ExitCode = p.ExitCode;
                result.Output = stdout.Result;
                result.Error = stderr.Result;
                return result;
            }
        }

        /// <summary>Runs the iproute2 <c>ip</c> command.</summary>
        public static Result Ip(params string[] args)
        {
            return Run("ip", args);
        }
    }
}
