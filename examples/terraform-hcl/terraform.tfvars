# This value wins over the variable's default: the database becomes public.
public = true
