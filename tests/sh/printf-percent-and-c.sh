printf "100%% %c%c\n" xyz 7
