printf "%.2f %e %g\n" 3.14159 1000 0.5
