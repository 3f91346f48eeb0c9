# Runs the package's testthat suite (R CMD check runs this file).
library(testthat)
library(fulcrum)
test_check("fulcrum")
