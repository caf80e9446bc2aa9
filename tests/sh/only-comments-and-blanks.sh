# nothing

   
# more
